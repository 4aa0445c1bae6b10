package spiky.importer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header line of a delimited file whose columns are named and may come in any order. The
 * delimiter is a tab when the header has one, else a comma. Column names are matched without
 * regard to case or surrounding blanks.
 */
final class Header {
    private final char delimiter;
    private final Map<String, Integer> columns;
    private final List<String> names;

    private Header(char delimiter, Map<String, Integer> columns, List<String> names) {
        this.delimiter = delimiter;
        this.columns = columns;
        this.names = names;
    }

    /** Reads line 1 and checks it names every required column, no unknown one and none twice. */
    static Header read(LineSource lines, List<String> required, List<String> optional) throws IOException {
        String line = lines.firstLine();
        char delimiter = line.indexOf('\t') >= 0 ? '\t' : ',';
        Map<String, Integer> columns = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String field : Fields.split(line, delimiter, lines)) {
            names.add(field.strip().toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (columns.putIfAbsent(name, i) != null) {
                throw lines.error("column '" + name + "' appears twice in the header");
            }
            if (!required.contains(name) && !optional.contains(name)) {
                unknown.add(name);
            }
        }
        List<String> missing = required.stream().filter(name -> !columns.containsKey(name)).toList();
        String expected = "(expected columns " + String.join(", ", required) + " and optionally "
                + String.join(", ", optional) + ", separated by commas or tabs)";
        if (!missing.isEmpty()) {
            throw lines.error("missing " + plural("column", missing) + " in header " + Fields.quote(line) + " " + expected);
        }
        if (!unknown.isEmpty()) {
            throw lines.error("unknown " + plural("column", unknown) + " in header " + expected);
        }
        return new Header(delimiter, columns, List.copyOf(names));
    }

    private static String plural(String noun, List<String> names) {
        return noun + (names.size() == 1 ? "" : "s") + " '" + String.join("', '", names) + "'";
    }

    /** The column's index, or -1 when the header does not have it. */
    int index(String column) {
        return columns.getOrDefault(column, -1);
    }

    /** Splits a data line, checking it has one field per column and is not the header again. */
    List<String> split(String line, LineSource at) {
        List<String> fields = Fields.split(line, delimiter, at);
        Fields.refuseRepeatedHeader(fields.toArray(String[]::new), names, at);
        if (fields.size() != columns.size()) {
            throw at.error("expected " + columns.size() + " " + Fields.delimiterName(delimiter)
                    + "-separated fields, found " + fields.size());
        }
        return fields;
    }
}
