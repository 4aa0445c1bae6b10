package spiky.spark;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The csv interchange's rules for one line, as the importer applies them: a header naming
 * {@code item} and {@code context} and optionally {@code timestamp}, {@code weight} and
 * {@code name} in any order, comma- or tab-separated (tab when the header has one), fields quoted
 * as in RFC 4180, ids stripped of blanks, an empty timestamp or weight meaning none. A line either
 * parses into a {@link Parsed} or gives the problem, which the caller reports with file and line.
 */
final class CsvLine implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final List<String> REQUIRED = List.of("item", "context");
    private static final List<String> OPTIONAL = List.of("timestamp", "weight", "name");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");

    /** One data line: timestamp null when absent, weight NaN when absent. */
    record Parsed(String item, String context, Long timestamp, double weight) implements Serializable {}

    /** A line's problem, thrown inside a Spark task and reported by the driver with the file and line. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private final char delimiter;
    private final List<String> names;
    private final int item;
    private final int context;
    private final int timestamp;
    private final int weight;

    private CsvLine(char delimiter, List<String> names) {
        this.delimiter = delimiter;
        this.names = names;
        this.item = names.indexOf("item");
        this.context = names.indexOf("context");
        this.timestamp = names.indexOf("timestamp");
        this.weight = names.indexOf("weight");
    }

    /** Reads the header (line 1); a {@link Problem} when a column is missing, unknown or repeated. */
    static CsvLine header(String line) {
        char delimiter = line.indexOf('\t') >= 0 ? '\t' : ',';
        List<String> names = new ArrayList<>();
        for (String field : split(line, delimiter)) {
            String name = field.strip().toLowerCase(Locale.ROOT);
            if (names.contains(name)) {
                throw new Problem("column '" + name + "' appears twice in the header");
            }
            names.add(name);
        }
        String expected = " (expected columns item, context and optionally timestamp, weight, name, separated by commas or tabs)";
        for (String required : REQUIRED) {
            if (!names.contains(required)) {
                throw new Problem("missing column '" + required + "' in header '" + line + "'" + expected);
            }
        }
        for (String name : names) {
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                throw new Problem("unknown column '" + name + "' in header" + expected);
            }
        }
        return new CsvLine(delimiter, List.copyOf(names));
    }

    boolean hasTimestamps() {
        return timestamp >= 0;
    }

    boolean hasWeights() {
        return weight >= 0;
    }

    /** A data line (not blank); a {@link Problem} naming what is wrong with it. */
    Parsed parse(String line) {
        List<String> fields = split(line, delimiter);
        if (fields.size() != names.size()) {
            throw new Problem("expected " + names.size() + " " + (delimiter == '\t' ? "tab" : "comma")
                    + "-separated fields, found " + fields.size());
        }
        boolean repeatsHeader = true;
        for (int i = 0; i < fields.size() && repeatsHeader; i++) {
            repeatsHeader = fields.get(i).strip().equalsIgnoreCase(names.get(i));
        }
        if (repeatsHeader) {
            throw new Problem("the header line appears again (were two files joined?)");
        }
        String itemKey = id(fields.get(item), "item");
        String contextKey = id(fields.get(context), "context");
        Long ts = timestamp < 0 ? null : timestamp(fields.get(timestamp));
        double w = weight < 0 ? Double.NaN : weight(fields.get(weight));
        return new Parsed(itemKey, contextKey, ts, w);
    }

    private static String id(String text, String column) {
        String id = text.strip();
        if (id.isEmpty()) {
            throw new Problem("empty value in column '" + column + "'");
        }
        return id;
    }

    /** Epoch seconds, or an ISO-8601 date-time (with offset, or UTC when it has none), or a date. */
    static Long timestamp(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (INTEGER.matcher(s).matches()) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        } else {
            try {
                return OffsetDateTime.parse(s).toEpochSecond();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
            try {
                return Instant.parse(s).getEpochSecond();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
            try {
                return LocalDateTime.parse(s).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
            try {
                return LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // falls through to the error below
            }
        }
        throw new Problem(quote(text) + " in column 'timestamp' is neither epoch seconds nor an ISO-8601 date-time");
    }

    private static double weight(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        if (DECIMAL.matcher(s).matches()) {
            double value = Double.parseDouble(s);
            if (Double.isFinite(value)) {
                return value;
            }
        }
        throw new Problem(quote(text) + " in column 'weight' is not a number");
    }

    /** RFC 4180 fields: a field opening with a quote runs to its closing quote, "" being one quote. */
    static List<String> split(String line, char delimiter) {
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
                        throw new Problem("field " + (fields.size() + 1) + " has no closing quote");
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
                    throw new Problem("field " + fields.size() + " has text after its closing quote");
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

    private static String quote(String value) {
        return value.length() <= 60 ? "'" + value + "'" : "'" + value.substring(0, 60) + "...' (" + value.length() + " characters)";
    }
}
