package spiky.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import spiky.InvalidInputException;

class ConfigReaderTest {
    private static final List<String> KEYS = List.of("alpha", "count", "ratio", "flag", "mode", "name", "sizes");

    private static ConfigReader reader(Map<String, ?> values) {
        return new ConfigReader(values, KEYS);
    }

    private static String error(Executable executable) {
        return assertThrows(InvalidInputException.class, executable).getMessage();
    }

    @Test
    void anUnknownKeyNamesTheNearestValidKey() {
        String message = error(() -> reader(Map.of("cuont", 1)));
        assertTrue(message.contains("Unexpected configuration key: cuont"), message);
        assertTrue(message.contains("Did you mean [count]"), message);
        assertTrue(error(() -> reader(Map.of("RATIO", 1))).contains("Did you mean [ratio]"));
    }

    @Test
    void aKeyFarFromEveryValidKeyListsThemAll() {
        String message = error(() -> reader(Map.of("somethingElse", 1)));
        assertTrue(message.contains("valid keys: " + new TreeSet<>(KEYS)), message);
    }

    @Test
    void nearestAndEditDistance() {
        assertEquals(0, ConfigReader.editDistance("abc", "abc"));
        assertEquals(1, ConfigReader.editDistance("abc", "abd"));
        assertEquals(3, ConfigReader.editDistance("", "abc"));
        assertEquals(2, ConfigReader.editDistance("ab", "ba"));
        Set<String> valid = Set.of("communities", "contexts");
        assertEquals("communities", ConfigReader.nearest("comunities", valid));
        assertEquals("contexts", ConfigReader.nearest("context", valid));
        assertNull(ConfigReader.nearest("zzz", valid));
    }

    @Test
    void absentOrNullKeysTakeTheirDefaults() {
        ConfigReader r = reader(null);
        assertEquals(5, r.intIn("count", 5, 0, 10));
        assertEquals(0.5, r.doubleIn("ratio", 0.5, 0, 1));
        assertTrue(r.bool("flag", true));
        assertEquals("a", r.oneOf("mode", "a", List.of("a", "b")));
        assertEquals("x", r.string("name", "x"));
        assertEquals(List.of(1), r.intList("sizes", List.of(1), 0, 9));
        Map<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("count", null);
        assertFalse(reader(withNull).has("count"));
        assertEquals(5, reader(withNull).intIn("count", 5, 0, 10));
    }

    @Test
    void integers() {
        assertEquals(7, reader(Map.of("count", 7)).intIn("count", 0, 0, 10));
        assertEquals(7, reader(Map.of("count", 7L)).intIn("count", 0, 0, 10));
        assertEquals(7, reader(Map.of("count", 7.0)).intIn("count", 0, 0, 10));
        assertEquals(7, reader(Map.of("count", " 7 ")).intIn("count", 0, 0, 10));
        assertEquals(Long.MIN_VALUE, reader(Map.of("count", Long.MIN_VALUE)).longIn("count", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        String message = error(() -> reader(Map.of("count", 7.5)).intIn("count", 0, 0, 10));
        assertTrue(message.contains("`count`") && message.contains("expected an integer"), message);
        message = error(() -> reader(Map.of("count", "seven")).intIn("count", 0, 0, 10));
        assertTrue(message.contains("expected an integer, got 'seven'"), message);
        message = error(() -> reader(Map.of("count", true)).intIn("count", 0, 0, 10));
        assertTrue(message.contains("expected an integer"), message);
    }

    @Test
    void integerRanges() {
        String message = error(() -> reader(Map.of("count", 11)).intIn("count", 0, 0, 10));
        assertTrue(message.contains("`count`") && message.contains("11 is not in the range [0, 10]"), message);
        assertEquals(10, reader(Map.of("count", 10)).intIn("count", 0, 0, 10));
        assertEquals(0, reader(Map.of("count", 0)).intIn("count", 5, 0, 10));
    }

    @Test
    void doubles() {
        assertEquals(0.25, reader(Map.of("ratio", 0.25)).doubleIn("ratio", 0, 0, 1));
        assertEquals(1.0, reader(Map.of("ratio", 1)).doubleIn("ratio", 0, 0, 1));
        assertEquals(0.5, reader(Map.of("ratio", "0.5")).doubleIn("ratio", 0, 0, 1));
        String message = error(() -> reader(Map.of("ratio", 1.5)).doubleIn("ratio", 0, 0, 1));
        assertTrue(message.contains("`ratio`") && message.contains("1.5 is not in the range [0, 1]"), message);
        message = error(() -> reader(Map.of("ratio", Double.NaN)).doubleIn("ratio", 0, 0, 1));
        assertTrue(message.contains("not in the range"), message);
        message = error(() -> reader(Map.of("ratio", -1.0)).doubleIn("ratio", 0, 0.5, Double.MAX_VALUE));
        assertTrue(message.contains("[0.5, inf]"), message);
        message = error(() -> reader(Map.of("ratio", List.of(1))).doubleIn("ratio", 0, 0, 1));
        assertTrue(message.contains("expected a number"), message);
    }

    @Test
    void booleansChoicesAndStrings() {
        assertFalse(reader(Map.of("flag", false)).bool("flag", true));
        assertTrue(reader(Map.of("flag", "TRUE")).bool("flag", false));
        assertTrue(error(() -> reader(Map.of("flag", 1)).bool("flag", false)).contains("expected true or false"));
        assertEquals("b", reader(Map.of("mode", "b")).oneOf("mode", "a", List.of("a", "b")));
        String message = error(() -> reader(Map.of("mode", "c")).oneOf("mode", "a", List.of("a", "b")));
        assertTrue(message.contains("`mode`") && message.contains("'c' is not one of [a, b]"), message);
        assertEquals("n", reader(Map.of("name", "n")).string("name", "x"));
        assertTrue(error(() -> reader(Map.of("name", 3)).string("name", "x")).contains("expected a string"));
    }

    @Test
    void integerLists() {
        assertEquals(List.of(2, 4, 8), reader(Map.of("sizes", List.of(2, 4L, 8.0))).intList("sizes", List.of(), 1, 10));
        String message = error(() -> reader(Map.of("sizes", List.of())).intList("sizes", List.of(), 1, 10));
        assertTrue(message.contains("`sizes`") && message.contains("non-empty list"), message);
        message = error(() -> reader(Map.of("sizes", 3)).intList("sizes", List.of(), 1, 10));
        assertTrue(message.contains("non-empty list"), message);
        message = error(() -> reader(Map.of("sizes", List.of(2, 11))).intList("sizes", List.of(), 1, 10));
        assertTrue(message.contains("11 is not in the range [1, 10]"), message);
        message = error(() -> reader(Map.of("sizes", Arrays.asList(2, "x"))).intList("sizes", List.of(), 1, 10));
        assertTrue(message.contains("expected a list of integers, found 'x'"), message);
        message = error(() -> reader(Map.of("sizes", List.of(2.5))).intList("sizes", List.of(), 1, 10));
        assertTrue(message.contains("expected a list of integers"), message);
    }
}
