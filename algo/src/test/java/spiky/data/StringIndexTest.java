package spiky.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringIndexTest {
    @Test
    void internsEachDistinctKeyOnceInOrderOfFirstAppearance() {
        StringIndex index = new StringIndex();
        assertEquals(0, index.intern("b"));
        assertEquals(1, index.intern("a"));
        assertEquals(0, index.intern(new StringBuilder("b")));
        assertEquals(2, index.intern(""));
        assertEquals(2, index.intern(""));
        assertEquals(3, index.size());
        assertArrayEquals(new String[] {"b", "a", ""}, index.toArray());
        assertEquals(-1, index.indexOf("c"));
        assertEquals(1, index.indexOf("a"));
    }

    @Test
    void agreesWithAHashMapOnAMillionRowsOfRepeatedIdsThroughSeveralGrowths() {
        StringIndex index = new StringIndex();
        Map<String, Integer> expected = new HashMap<>();
        List<String> order = new ArrayList<>();
        Random random = new Random(7);
        for (int row = 0; row < 1_000_000; row++) {
            // ids of varied length, many repeats, some colliding prefixes
            String key = (random.nextBoolean() ? "user-" : "") + random.nextInt(300_000) + (random.nextInt(10) == 0 ? "é" : "");
            Integer known = expected.get(key);
            int got = index.intern(key);
            if (known == null) {
                expected.put(key, order.size());
                order.add(key);
                assertEquals(order.size() - 1, got, key);
            } else {
                assertEquals(known.intValue(), got, key);
            }
        }
        assertEquals(order.size(), index.size());
        for (int i = 0; i < order.size(); i += 997) {
            assertEquals(order.get(i), index.get(i));
            assertEquals(i, index.indexOf(order.get(i)));
        }
        long chars = order.stream().mapToLong(String::length).sum();
        assertEquals(chars, index.storedChars(), "each distinct key's characters stored once");
    }

    @Test
    void keysWithTheSameHashStayApart() {
        StringIndex index = new StringIndex();
        // "Aa" and "BB" have the same String hash code
        assertEquals(0, index.intern("Aa"));
        assertEquals(1, index.intern("BB"));
        assertEquals(0, index.intern("Aa"));
        assertEquals(1, index.indexOf("BB"));
    }

    @Test
    void anUnknownIndexIsAnError() {
        StringIndex index = new StringIndex();
        index.intern("x");
        assertThrows(IndexOutOfBoundsException.class, () -> index.get(1));
    }
}
