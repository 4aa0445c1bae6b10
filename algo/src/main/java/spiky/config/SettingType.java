package spiky.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import spiky.InvalidInputException;

/**
 * What a setting holds and which values it allows: reads a value from a user's map (a bad value is
 * an error naming the key and this range), renders the range for the documentation, and gives the
 * form a run's record stores. Ranges that end at "the run's rank" take the rank when read.
 */
public sealed interface SettingType<T>
        permits SettingType.Ints, SettingType.Longs, SettingType.Doubles, SettingType.Bools, SettingType.Choice,
        SettingType.IntList, SettingType.Moment, SettingType.MomentList, SettingType.Text, SettingType.TextList {

    /** The value under {@code key}, or null when absent; {@code rank} is the run's rank, 0 when the range does not need it. */
    T read(ConfigReader c, String key, int rank);

    /** The allowed values in words ("[1, 4096]", "[1, ∞)", "one of 'sql', 'mutual'"), or "" when the type says it all. */
    String range();

    /** How a value is written in the documentation. */
    default String show(T value) {
        return String.valueOf(value);
    }

    /** The value as a run's record stores it (integers as longs, Neo4j's integer type; choices by name). */
    default Object stored(T value) {
        return value;
    }

    /** A value of the right type outside the range, for the tests (rank as in {@link #read}); null when there is none. */
    Object outOfRange(int rank);

    /** True when the range ends at the run's rank, which {@link #read} then needs. */
    default boolean boundedByRank() {
        return false;
    }

    /** True when a value is a list: a command line's single value is then a list of one. */
    default boolean isList() {
        return false;
    }

    private static int rankBound(String key, int rank) {
        if (rank < 1) {
            throw new IllegalStateException(key + " is bounded by the run's rank, which the caller did not give");
        }
        return rank;
    }

    /** Integers in [min, max], or in [min, rank] when {@code upToRank}; max = Integer.MAX_VALUE reads as [min, ∞). */
    record Ints(int min, int max, boolean upToRank) implements SettingType<Integer> {
        public static Ints in(int min, int max) {
            return new Ints(min, max, false);
        }

        public static Ints atLeast(int min) {
            return new Ints(min, Integer.MAX_VALUE, false);
        }

        public static Ints upToRank(int min) {
            return new Ints(min, Integer.MAX_VALUE, true);
        }

        @Override
        public Integer read(ConfigReader c, String key, int rank) {
            Long v = c.integer(key);
            if (v == null) {
                return null;
            }
            long hi = upToRank ? rankBound(key, rank) : max;
            if (v < min || v > hi) {
                throw InvalidInputException.parameter(key, v + " is not in the range "
                        + (upToRank ? "[" + min + ", " + hi + "]" : range()));
            }
            return v.intValue();
        }

        @Override
        public String range() {
            return upToRank ? "[" + min + ", rank]" : max == Integer.MAX_VALUE ? "[" + min + ", ∞)" : "[" + min + ", " + max + "]";
        }

        @Override
        public Object stored(Integer value) {
            return value.longValue();
        }

        @Override
        public Object outOfRange(int rank) {
            return upToRank ? (long) rank + 1 : max == Integer.MAX_VALUE ? (long) min - 1 : (long) max + 1;
        }

        @Override
        public boolean boundedByRank() {
            return upToRank;
        }
    }

    /** Long integers in [min, max]; the full range reads as "any integer". */
    record Longs(long min, long max) implements SettingType<Long> {
        public static Longs any() {
            return new Longs(Long.MIN_VALUE, Long.MAX_VALUE);
        }

        @Override
        public Long read(ConfigReader c, String key, int rank) {
            Long v = c.integer(key);
            if (v != null && (v < min || v > max)) {
                throw InvalidInputException.parameter(key, v + " is not in the range " + range());
            }
            return v;
        }

        @Override
        public String range() {
            if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
                return "any integer";
            }
            return max == Long.MAX_VALUE ? "[" + min + ", ∞)" : "[" + min + ", " + max + "]";
        }

        @Override
        public Object outOfRange(int rank) {
            if (min > Long.MIN_VALUE) {
                return min - 1;
            }
            return max < Long.MAX_VALUE ? max + 1 : null;
        }
    }

    /** Numbers between min and max, each end closed or open; NaN is never in range. */
    record Doubles(double min, boolean minOpen, double max, boolean maxOpen) implements SettingType<Double> {
        public static Doubles closed(double min, double max) {
            return new Doubles(min, false, max, false);
        }

        @Override
        public Double read(ConfigReader c, String key, int rank) {
            Double v = c.number(key);
            if (v == null) {
                return null;
            }
            boolean aboveMin = minOpen ? v > min : v >= min;
            boolean belowMax = maxOpen ? v < max : v <= max;
            if (!(aboveMin && belowMax)) {
                throw InvalidInputException.parameter(key, v + " is not in the range " + range());
            }
            return v;
        }

        @Override
        public String range() {
            return (minOpen ? "(" : "[") + plain(min) + ", " + plain(max) + (maxOpen ? ")" : "]");
        }

        /** A bound as people write it: 4, 0.5, 0.000001, never 1.0E-6. */
        private static String plain(double x) {
            return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
        }

        @Override
        public Object outOfRange(int rank) {
            return Double.NaN;
        }
    }

    /** true or false (also as the strings 'true' and 'false'). */
    record Bools() implements SettingType<Boolean> {
        @Override
        public Boolean read(ConfigReader c, String key, int rank) {
            return c.has(key) ? c.bool(key, false) : null;
        }

        @Override
        public String range() {
            return "";
        }

        @Override
        public Object outOfRange(int rank) {
            return null;
        }
    }

    /**
     * One of a fixed list of values named by strings, read case-insensitively (surrounding spaces
     * ignored) and returned as the value itself, so that the rest of the code sees one spelling.
     */
    record Choice<T>(List<T> values, Function<T, String> name) implements SettingType<T> {
        public Choice {
            values = List.copyOf(values);
        }

        public static Choice<String> of(String... names) {
            return new Choice<>(List.of(names), Function.identity());
        }

        public List<String> names() {
            return values.stream().map(name).toList();
        }

        @Override
        public T read(ConfigReader c, String key, int rank) {
            Object v = c.raw(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof String s)) {
                throw InvalidInputException.parameter(key, "expected a string, got " + ConfigReader.describe(v));
            }
            String wanted = s.trim().toLowerCase(Locale.ROOT);
            for (T value : values) {
                if (name.apply(value).toLowerCase(Locale.ROOT).equals(wanted)) {
                    return value;
                }
            }
            throw InvalidInputException.parameter(key, "'" + s + "' is not one of " + names());
        }

        @Override
        public String range() {
            return "one of " + names().stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        }

        @Override
        public String show(T value) {
            return "'" + name.apply(value) + "'";
        }

        @Override
        public Object stored(T value) {
            return name.apply(value);
        }

        @Override
        public Object outOfRange(int rank) {
            return "no-such-" + names().get(0);
        }
    }

    /** A non-empty list of integers, each in [min, max] or in [min, rank] when {@code upToRank}. */
    record IntList(int min, int max, boolean upToRank) implements SettingType<List<Integer>> {
        @Override
        public boolean isList() {
            return true;
        }

        public static IntList upToRank(int min) {
            return new IntList(min, Integer.MAX_VALUE, true);
        }

        @Override
        public List<Integer> read(ConfigReader c, String key, int rank) {
            return c.has(key) ? c.intList(key, null, min, upToRank ? rankBound(key, rank) : max) : null;
        }

        @Override
        public String range() {
            return "a list of integers, each in [" + min + ", " + (upToRank ? "rank" : Integer.toString(max)) + "]";
        }

        @Override
        public Object stored(List<Integer> value) {
            return value.stream().map(Integer::longValue).toList();
        }

        @Override
        public Object outOfRange(int rank) {
            return List.of(upToRank ? (long) rank + 1 : (long) max + 1);
        }

        @Override
        public boolean boundedByRank() {
            return upToRank;
        }
    }

    /** A moment, as epoch seconds: whole epoch seconds, an ISO-8601 date or date-time, a Cypher date or datetime. */
    record Moment() implements SettingType<Long> {
        @Override
        public Long read(ConfigReader c, String key, int rank) {
            return c.epochSeconds(key);
        }

        @Override
        public String range() {
            return "a moment: epoch seconds, an ISO-8601 date or date-time, or a Cypher date";
        }

        @Override
        public Object outOfRange(int rank) {
            return null;
        }
    }

    /** A non-empty list of moments, each read as {@link Moment} reads one. */
    record MomentList() implements SettingType<List<Long>> {
        @Override
        public boolean isList() {
            return true;
        }

        @Override
        public List<Long> read(ConfigReader c, String key, int rank) {
            Object v = c.raw(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof List<?> list) || list.isEmpty()) {
                throw InvalidInputException.parameter(key, "expected " + range() + ", got " + ConfigReader.describe(v));
            }
            List<Long> out = new ArrayList<>(list.size());
            for (Object element : list) {
                java.util.Map<String, Object> one = new java.util.HashMap<>();
                one.put(key, element);
                Long moment = new ConfigReader(one, List.of(key)).epochSeconds(key);
                if (moment == null) {
                    throw InvalidInputException.parameter(key, "expected " + range() + ", found null");
                }
                out.add(moment);
            }
            return List.copyOf(out);
        }

        @Override
        public String range() {
            return "a non-empty list of moments (epoch seconds, ISO-8601 dates or date-times, Cypher dates)";
        }

        @Override
        public Object outOfRange(int rank) {
            return List.of();
        }
    }

    /** Any string. */
    record Text() implements SettingType<String> {
        @Override
        public String read(ConfigReader c, String key, int rank) {
            return c.has(key) ? c.string(key, null) : null;
        }

        @Override
        public String range() {
            return "";
        }

        @Override
        public String show(String value) {
            return "'" + value + "'";
        }

        @Override
        public Object outOfRange(int rank) {
            return null;
        }
    }

    /** A non-empty list of strings; {@code what} names them in the error ("run ids"). */
    record TextList(String what) implements SettingType<List<String>> {
        @Override
        public boolean isList() {
            return true;
        }

        @Override
        public List<String> read(ConfigReader c, String key, int rank) {
            Object v = c.raw(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(o -> o instanceof String)) {
                throw InvalidInputException.parameter(key, "expected a non-empty list of " + what + ", got " + v);
            }
            List<String> out = new ArrayList<>(list.size());
            list.forEach(o -> out.add((String) o));
            return List.copyOf(out);
        }

        @Override
        public String range() {
            return "a non-empty list of " + what;
        }

        @Override
        public String show(List<String> value) {
            return value.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ", "[", "]"));
        }

        @Override
        public Object outOfRange(int rank) {
            return List.of();
        }
    }
}
