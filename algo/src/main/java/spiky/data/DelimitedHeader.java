package spiky.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * The header line of a delimited file whose columns are named and may come in any order. The
 * delimiter is a tab when the header has one, else a comma. Column names are matched without
 * regard to case or surrounding blanks. Serializable, so that a Spark task can split with it.
 */
public final class DelimitedHeader implements Serializable {
    private static final long serialVersionUID = 1L;

    private final char delimiter;
    private final HashMap<String, Integer> columns;
    private final List<String> names;

    private DelimitedHeader(char delimiter, HashMap<String, Integer> columns, List<String> names) {
        this.delimiter = delimiter;
        this.columns = columns;
        this.names = names;
    }

    /** Reads a header line and checks it names every required column, no unknown one and none twice. */
    public static DelimitedHeader parse(String line, List<String> required, List<String> optional) {
        char delimiter = line.indexOf('\t') >= 0 ? '\t' : ',';
        HashMap<String, Integer> columns = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String field : Delimited.split(line, delimiter)) {
            names.add(field.strip().toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (columns.putIfAbsent(name, i) != null) {
                throw new LineProblem("column '" + name + "' appears twice in the header");
            }
            if (!required.contains(name) && !optional.contains(name)) {
                unknown.add(name);
            }
        }
        List<String> missing = required.stream().filter(name -> !columns.containsKey(name)).toList();
        String expected = "(expected columns " + String.join(", ", required) + " and optionally "
                + String.join(", ", optional) + ", separated by commas or tabs)";
        if (!missing.isEmpty()) {
            throw new LineProblem("missing " + plural("column", missing) + " in header " + Delimited.quote(line) + " " + expected);
        }
        if (!unknown.isEmpty()) {
            throw new LineProblem("unknown " + plural("column", unknown) + " in header " + expected);
        }
        return new DelimitedHeader(delimiter, columns, List.copyOf(names));
    }

    private static String plural(String noun, List<String> names) {
        return noun + (names.size() == 1 ? "" : "s") + " '" + String.join("', '", names) + "'";
    }

    /** The column's index, or -1 when the header does not have it. */
    public int index(String column) {
        return columns.getOrDefault(column, -1);
    }

    public char delimiter() {
        return delimiter;
    }

    /** Splits a data line, checking it has one field per column and is not the header again. */
    public List<String> split(String line) {
        List<String> fields = Delimited.split(line, delimiter);
        Delimited.refuseRepeatedHeader(fields, names);
        if (fields.size() != columns.size()) {
            throw new LineProblem("expected " + columns.size() + " " + Delimited.delimiterName(delimiter)
                    + "-separated fields, found " + fields.size());
        }
        return fields;
    }

    /** The column names in the header's order (lower case). */
    public List<String> names() {
        return names;
    }

    @Override
    public String toString() {
        return "DelimitedHeader" + names + " (" + Delimited.delimiterName(delimiter) + ")";
    }
}
