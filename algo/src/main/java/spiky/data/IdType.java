package spiky.data;

/**
 * Ids are stored as integers when every id of a dataset's items (or contexts) is a decimal
 * integer that fits in a long, so analysts write {@code {id: 50}} for MovieLens; otherwise as strings.
 */
public final class IdType {
    private IdType() {}

    public static boolean allIntegers(String[] keys) {
        for (String k : keys) {
            if (!isInteger(k)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isInteger(String s) {
        int n = s.length();
        if (n == 0 || n > 19) {
            return false;
        }
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == n) {
            return false;
        }
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        // A leading zero would not survive the round trip through a long ("007" -> 7).
        if (s.charAt(start) == '0' && n - start > 1) {
            return false;
        }
        if (n == 19 || (n == 20)) {
            try {
                Long.parseLong(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return !s.equals("-0");
    }

    /** The value to store for a key: a Long when the dataset's ids are integers, else the string. */
    public static Object value(String key, boolean integers) {
        return integers ? (Object) Long.parseLong(key) : key;
    }
}
