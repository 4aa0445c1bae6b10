package spiky.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import spiky.InvalidInputException;

/**
 * Reads a user's configuration map (from Cypher, the CLI or HTTP) against a fixed set of keys.
 * An unknown key is an error that names the nearest valid key; a value of the wrong type or out
 * of range is an error that names the key and the range. Nothing is silently ignored.
 */
public final class ConfigReader {
    private final Map<String, ?> values;
    private final Set<String> valid;

    public ConfigReader(Map<String, ?> values, Collection<String> validKeys) {
        this.values = values == null ? Map.of() : values;
        this.valid = new TreeSet<>(validKeys);
        for (String key : this.values.keySet()) {
            if (!valid.contains(key)) {
                throw InvalidInputException.of(unknownKeyMessage(key, valid));
            }
        }
    }

    static String unknownKeyMessage(String key, Set<String> valid) {
        String nearest = nearest(key, valid);
        if (nearest != null) {
            return "Unexpected configuration key: " + key + " (Did you mean [" + nearest + "]?)";
        }
        return "Unexpected configuration key: " + key + " (valid keys: " + valid + ")";
    }

    /** The valid key closest to {@code key} in edit distance, when it is close enough to be a typo. */
    static String nearest(String key, Set<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = key.toLowerCase(Locale.ROOT);
        for (String candidate : valid) {
            int d = editDistance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int tolerance = Math.max(2, key.length() / 3);
        return bestDistance <= tolerance ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** The value under {@code key} as given, or null; for the setting types of this package. */
    Object raw(String key) {
        return values.get(key);
    }

    /** Whether {@code key} is one of the keys this reader accepts. */
    public boolean accepts(String key) {
        return valid.contains(key);
    }

    public long longIn(String key, long defaultValue, long min, long max) {
        Long value = integer(key);
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw InvalidInputException.parameter(key, value + " is not in the range [" + min + ", " + max + "]");
        }
        return value;
    }

    /** The integer under {@code key}, or null when absent; no range check. */
    public Long integer(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        long value;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            value = ((Number) v).longValue();
        } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9.0e15) {
            value = (long) n.doubleValue();
        } else if (v instanceof String s) {
            try {
                value = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw InvalidInputException.parameter(key, "expected an integer, got '" + s + "'");
            }
        } else {
            throw InvalidInputException.parameter(key, "expected an integer, got " + describe(v));
        }
        return value;
    }

    public int intIn(String key, int defaultValue, int min, int max) {
        return (int) longIn(key, defaultValue, min, max);
    }

    public double doubleIn(String key, double defaultValue, double min, double max) {
        Double value = number(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value >= min && value <= max)) {
            throw InvalidInputException.parameter(key, value + " is not in the range [" + format(min) + ", " + format(max) + "]");
        }
        return value;
    }

    /** The number under {@code key}, or null when absent; no range check (NaN and infinities pass). */
    public Double number(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        double value;
        if (v instanceof Number n) {
            value = n.doubleValue();
        } else if (v instanceof String s) {
            try {
                value = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw InvalidInputException.parameter(key, "expected a number, got '" + s + "'");
            }
        } else {
            throw InvalidInputException.parameter(key, "expected a number, got " + describe(v));
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw InvalidInputException.parameter(key, "expected true or false, got " + describe(v));
    }

    public String oneOf(String key, String defaultValue, Collection<String> allowed) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s && allowed.contains(s)) {
            return s;
        }
        throw InvalidInputException.parameter(key, describe(v) + " is not one of " + allowed);
    }

    /**
     * A moment as epoch seconds, or null when absent: whole epoch seconds, an ISO-8601 date
     * ('2010-01-01', read as its first second in UTC), an ISO-8601 date-time with offset
     * ('2010-01-01T12:00:00Z'), or a Cypher date / datetime.
     */
    public Long epochSeconds(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            return longIn(key, 0, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
        }
        if (v instanceof java.time.LocalDate d) {
            return d.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
        }
        if (v instanceof java.time.ZonedDateTime z) {
            return z.toEpochSecond();
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toEpochSecond();
        }
        if (v instanceof java.time.LocalDateTime l) {
            return l.toEpochSecond(java.time.ZoneOffset.UTC);
        }
        if (v instanceof String s) {
            String t = s.trim();
            try {
                return t.length() == 10 ? java.time.LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond()
                        : java.time.OffsetDateTime.parse(t).toEpochSecond();
            } catch (java.time.format.DateTimeParseException e) {
                throw InvalidInputException.parameter(key, "expected epoch seconds or an ISO-8601 date such as '2010-01-01' "
                        + "or date-time such as '2010-01-01T00:00:00Z', got '" + s + "'");
            }
        }
        throw InvalidInputException.parameter(key, "expected epoch seconds or an ISO-8601 date, got " + describe(v));
    }

    public String string(String key, String defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s) {
            return s;
        }
        throw InvalidInputException.parameter(key, "expected a string, got " + describe(v));
    }

    /** A non-empty list of integers, each in [min, max]. */
    public List<Integer> intList(String key, List<Integer> defaultValue, int min, int max) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw InvalidInputException.parameter(key, "expected a non-empty list of integers, got " + describe(v));
        }
        List<Integer> out = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw InvalidInputException.parameter(key, "expected a list of integers, found " + describe(element));
            }
            long x = n.longValue();
            if (x < min || x > max) {
                throw InvalidInputException.parameter(key, x + " is not in the range [" + min + ", " + max + "]");
            }
            out.add((int) x);
        }
        return List.copyOf(out);
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return v + " (" + v.getClass().getSimpleName() + ")";
    }

    /** A bound as the messages show it: whole numbers without a decimal point, Double.MAX_VALUE as inf. */
    static String format(double x) {
        if (x == Double.MAX_VALUE) {
            return "inf";
        }
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
