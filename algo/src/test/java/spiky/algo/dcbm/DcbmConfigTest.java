package spiky.algo.dcbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spiky.InvalidInputException;

class DcbmConfigTest {

    private static String error(Map<String, ?> config) {
        return assertThrows(InvalidInputException.class, () -> DcbmConfig.from(config)).getMessage();
    }

    @Test
    void defaults() {
        DcbmConfig c = DcbmConfig.from(Map.of());
        assertEquals(DcbmConfig.DEFAULTS, c);
        assertEquals(new DcbmConfig(8, 2000, 5000, 0.1, 1.5, 1.0, 10, 50, 42), c);
        assertEquals(c, DcbmConfig.from(null));
    }

    @Test
    void readsEveryKey() {
        DcbmConfig c = DcbmConfig.from(Map.of("communities", 3, "items", 30L, "contexts", 40, "mix", 0.25,
                "exponent", 2, "thetaMin", 0.5, "minLength", 2, "maxLength", 4, "seed", -7L));
        assertEquals(new DcbmConfig(3, 30, 40, 0.25, 2.0, 0.5, 2, 4, -7), c);
    }

    @Test
    void toMapReadsBack() {
        DcbmConfig c = DcbmConfig.from(Map.of("communities", 3, "mix", 0.5, "seed", 9));
        assertEquals(DcbmConfig.KEYS, c.toMap().keySet().stream().toList());
        assertEquals(c, DcbmConfig.from(c.toMap()));
    }

    @Test
    void anUnknownKeyNamesTheNearestValidKey() {
        String message = error(Map.of("comunities", 4));
        assertTrue(message.contains("comunities"), message);
        assertTrue(message.contains("Did you mean [communities]"), message);
    }

    @Test
    void anOutOfRangeValueNamesTheKeyAndTheRange() {
        String message = error(Map.of("mix", 1.5));
        assertTrue(message.contains("`mix`") && message.contains("[0, 1]"), message);
        message = error(Map.of("communities", 0));
        assertTrue(message.contains("`communities`") && message.contains("[1, 10000]"), message);
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKey() {
        String message = error(Map.of("items", "many"));
        assertTrue(message.contains("`items`") && message.contains("integer"), message);
    }

    @Test
    void keysAreCheckedAgainstEachOther() {
        String message = error(Map.of("items", 5, "communities", 8));
        assertTrue(message.contains("`items`") && message.contains("fewer than communities (8)"), message);
        message = error(Map.of("minLength", 20, "maxLength", 10));
        assertTrue(message.contains("`minLength`") && message.contains("greater than maxLength (10)"), message);
        Map<String, Object> huge = new HashMap<>();
        huge.put("contexts", 10_000_000);
        huge.put("maxLength", 100);
        message = error(huge);
        assertTrue(message.contains("`contexts`") && message.contains(String.valueOf(DcbmConfig.MAX_SLOTS)), message);
    }
}
