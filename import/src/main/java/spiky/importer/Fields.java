package spiky.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splitting lines into fields and reading numbers from them, with errors that name the line. */
final class Fields {
    /** Plain decimal notation only: Double.parseDouble would also take "NaN", "0x1p3" and "1d". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int QUOTED_LENGTH = 60;

    private Fields() {}

    /**
     * Splits a line of a delimited file. A field that starts with a double quote runs to the
     * closing quote, may hold delimiters, and writes a quote as two ({@code "a ""b"", c"}); a quote
     * inside an unquoted field is kept as it is.
     */
    static List<String> split(String line, char delimiter, LineSource at) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                i++;
                while (true) {
                    int quote = line.indexOf('"', i);
                    if (quote < 0) {
                        throw at.error("field " + (fields.size() + 1) + " has no closing quote");
                    }
                    field.append(line, i, quote);
                    i = quote + 1;
                    if (i < n && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                fields.add(field.toString());
                if (i == n) {
                    return fields;
                }
                if (line.charAt(i) != delimiter) {
                    throw at.error("field " + fields.size() + " has text after its closing quote");
                }
                i++;
            } else {
                int next = line.indexOf(delimiter, i);
                if (next < 0) {
                    fields.add(line.substring(i));
                    return fields;
                }
                fields.add(line.substring(i, next));
                i = next + 1;
            }
        }
    }

    /**
     * The value of 1 to 18 ASCII digits and nothing else, or -1: the fast path of the readers'
     * number parsing (ids, epoch seconds, counts), which millions of rows take.
     */
    static long plainDigits(String s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Checks a fixed header line (names compared without regard to case or surrounding blanks). */
    static void expectHeader(String line, char delimiter, List<String> names, LineSource at) {
        String[] found = splitPlain(line, delimiter);
        boolean matches = found.length == names.size();
        for (int i = 0; matches && i < found.length; i++) {
            matches = found[i].strip().equalsIgnoreCase(names.get(i));
        }
        if (!matches) {
            String expected = String.join(String.valueOf(delimiter), names);
            throw at.error("expected the header " + visible(quote(expected)) + ", found " + visible(quote(line)));
        }
    }

    /** Splits at every delimiter; for formats whose names hold bare quotes, like {@code "Weird Al" Yankovic}. */
    static String[] splitPlain(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        int next;
        while ((next = line.indexOf(delimiter, start)) >= 0) {
            fields.add(line.substring(start, next));
            start = next + 1;
        }
        fields.add(line.substring(start));
        return fields.toArray(String[]::new);
    }

    /** The field, stripped of surrounding blanks; an error when that leaves nothing. */
    static String id(String text, String column, LineSource at) {
        String id = text.strip();
        if (id.isEmpty()) {
            throw at.error("empty value in column '" + column + "'");
        }
        return id;
    }

    /**
     * An id of a format whose ids are numbers (MovieLens, HetRec, yes.com): a non-negative whole
     * number that fits in 64 bits. Anything else there is damage, and taking it as text would
     * silently turn every id of the dataset into a string (see spiky.data.IdType).
     */
    static String integerId(String text, String column, LineSource at) {
        String id = id(text, column, at);
        if (!isIntegerId(id)) {
            throw at.error(quote(id) + " in column '" + column + "' is not an id (a whole number from 0 to " + Long.MAX_VALUE + ")");
        }
        return id;
    }

    static boolean isIntegerId(String id) {
        if (id.isEmpty() || id.length() > 19) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return id.length() < 19 || id.compareTo(Long.toString(Long.MAX_VALUE)) <= 0;
    }

    /**
     * Refuses a data line that repeats the header: what joining two files with {@code cat} gives.
     * Read as data it would either be taken as a row of ids named "item" and "context" or fail
     * with a puzzling "'weight' is not a number".
     */
    static void refuseRepeatedHeader(String[] fields, List<String> header, LineSource at) {
        if (fields.length != header.size()) {
            return;
        }
        for (int i = 0; i < fields.length; i++) {
            if (!fields[i].strip().equalsIgnoreCase(header.get(i))) {
                return;
            }
        }
        throw at.error("the header line appears again (were two files joined?)");
    }

    /** A finite number in decimal notation. */
    static double number(String text, String column, LineSource at) {
        String s = text.strip();
        long plain = plainDigits(s);
        if (plain >= 0) {
            return plain; // a whole number of up to 18 digits, exact as a double below 2^53, read without the pattern
        }
        if (DECIMAL.matcher(s).matches()) {
            double value = Double.parseDouble(s);
            if (Double.isFinite(value)) {
                return value;
            }
        }
        throw at.error(quote(text) + " in column '" + column + "' is not a number");
    }

    static long integer(String text, String column, LineSource at) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw at.error(quote(text) + " in column '" + column + "' is not an integer");
        }
    }

    /** Quotes a value for an error message, shortened so that a huge field cannot flood it. */
    static String quote(String value) {
        if (value.length() <= QUOTED_LENGTH) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, QUOTED_LENGTH) + "...' (" + value.length() + " characters)";
    }

    /** Shows tabs in a message. */
    static String visible(String text) {
        return text.replace("\t", "\\t");
    }

    /** "tab" or "comma", for messages. */
    static String delimiterName(char delimiter) {
        return delimiter == '\t' ? "tab" : "comma";
    }
}
