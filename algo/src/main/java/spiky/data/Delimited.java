package spiky.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The field rules of spiky's delimited inputs, one place for the importer and the Spark job:
 * splitting a line (quotes as in RFC 4180), ids, numbers and timestamps. A bad field is a
 * {@link LineProblem} whose message names the column; the caller adds the file and the line.
 */
public final class Delimited {
    /** Plain decimal notation only: Double.parseDouble would also take "NaN", "0x1p3" and "1d". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");
    private static final int QUOTED_LENGTH = 60;

    private Delimited() {}

    /**
     * Splits a line of a delimited file. A field that starts with a double quote runs to the
     * closing quote, may hold delimiters, and writes a quote as two ({@code "a ""b"", c"}); a quote
     * inside an unquoted field is kept as it is.
     */
    public static List<String> split(String line, char delimiter) {
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
                        throw new LineProblem("field " + (fields.size() + 1) + " has no closing quote");
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
                    throw new LineProblem("field " + fields.size() + " has text after its closing quote");
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
    public static long plainDigits(String s) {
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

    /** The field, stripped of surrounding blanks; a problem when that leaves nothing. */
    public static String id(String text, String column) {
        String id = text.strip();
        if (id.isEmpty()) {
            throw new LineProblem("empty value in column '" + column + "'");
        }
        return id;
    }

    /** A finite number in decimal notation. */
    public static double number(String text, String column) {
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
        throw new LineProblem(quote(text) + " in column '" + column + "' is not a number");
    }

    /**
     * Epoch seconds from an integer, an ISO-8601 date-time ({@code 2010-01-01T00:00:00Z}, with an
     * offset, or without one meaning UTC; a space may replace the T) or an ISO date (its midnight
     * UTC). Fractions of a second are dropped. Empty when the text is none of these.
     */
    public static OptionalLong epochSeconds(String text) {
        String s = text.strip();
        long plain = plainDigits(s);
        if (plain >= 0) {
            // the common case, epoch seconds as plain digits, read without the pattern
            return OptionalLong.of(plain);
        }
        try {
            long seconds;
            if (INTEGER.matcher(s).matches()) {
                seconds = Long.parseLong(s);
            } else if (s.length() == 10) {
                seconds = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } else {
                if (s.length() > 10 && s.charAt(10) == ' ') {
                    s = s.substring(0, 10) + 'T' + s.substring(11);
                }
                TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
                seconds = t instanceof ZonedDateTime z ? z.toEpochSecond() : ((LocalDateTime) t).toEpochSecond(ZoneOffset.UTC);
            }
            // The builder reads Long.MIN_VALUE as "no timestamp"; no real one is that far back.
            return seconds == InteractionsBuilder.NO_TIMESTAMP ? OptionalLong.empty() : OptionalLong.of(seconds);
        } catch (DateTimeException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A timestamp field: {@link InteractionsBuilder#NO_TIMESTAMP} when blank, else epoch seconds
     * as {@link #epochSeconds} reads them; a problem naming the column otherwise.
     */
    public static long timestamp(String text, String column) {
        if (text.isBlank()) {
            return InteractionsBuilder.NO_TIMESTAMP;
        }
        OptionalLong seconds = epochSeconds(text);
        if (seconds.isEmpty()) {
            throw new LineProblem(quote(text) + " in column '" + column + "' is neither epoch seconds nor an ISO-8601 date-time");
        }
        return seconds.getAsLong();
    }

    /**
     * Refuses a data line that repeats the header: what joining two files with {@code cat} gives.
     * Read as data it would either be taken as a row of ids named "item" and "context" or fail
     * with a puzzling "'weight' is not a number".
     */
    public static void refuseRepeatedHeader(List<String> fields, List<String> header) {
        if (fields.size() != header.size()) {
            return;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).strip().equalsIgnoreCase(header.get(i))) {
                return;
            }
        }
        throw new LineProblem("the header line appears again (were two files joined?)");
    }

    /** Quotes a value for a message, shortened so that a huge field cannot flood it. */
    public static String quote(String value) {
        if (value.length() <= QUOTED_LENGTH) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, QUOTED_LENGTH) + "...' (" + value.length() + " characters)";
    }

    /** "tab" or "comma", for messages. */
    public static String delimiterName(char delimiter) {
        return delimiter == '\t' ? "tab" : "comma";
    }
}
