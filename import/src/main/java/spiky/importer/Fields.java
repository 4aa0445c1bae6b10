package spiky.importer;

import java.util.ArrayList;
import java.util.List;
import spiky.data.Delimited;
import spiky.data.LineProblem;

/**
 * Splitting lines into fields and reading numbers from them, with errors that name the line: the
 * rules shared with the Spark job are spiky-algo's {@link Delimited}, here given the file and line.
 */
final class Fields {

    private Fields() {}

    /** {@link Delimited#split}, a problem reported on the line {@code at} last returned. */
    static List<String> split(String line, char delimiter, LineSource at) {
        try {
            return Delimited.split(line, delimiter);
        } catch (LineProblem p) {
            throw at.error(p.getMessage());
        }
    }

    /** {@link Delimited#plainDigits}. */
    static long plainDigits(String s) {
        return Delimited.plainDigits(s);
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
        try {
            return Delimited.id(text, column);
        } catch (LineProblem p) {
            throw at.error(p.getMessage());
        }
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

    /** Refuses a data line that repeats the header (see {@link Delimited#refuseRepeatedHeader}). */
    static void refuseRepeatedHeader(String[] fields, List<String> header, LineSource at) {
        try {
            Delimited.refuseRepeatedHeader(List.of(fields), header);
        } catch (LineProblem p) {
            throw at.error(p.getMessage());
        }
    }

    /** A finite number in decimal notation. */
    static double number(String text, String column, LineSource at) {
        try {
            return Delimited.number(text, column);
        } catch (LineProblem p) {
            throw at.error(p.getMessage());
        }
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
        return Delimited.quote(value);
    }

    /** Shows tabs in a message. */
    static String visible(String text) {
        return text.replace("\t", "\\t");
    }

    /** "tab" or "comma", for messages. */
    static String delimiterName(char delimiter) {
        return Delimited.delimiterName(delimiter);
    }
}
