package spiky.graph;

import java.util.regex.Pattern;
import spiky.InvalidInputException;

/** Dataset names appear in URLs, file names and Cypher parameters: keep them plain. */
public final class DatasetNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private DatasetNames() {}

    public static String check(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            // Shortened: a name from a URL may be kilobytes long, and the message must not echo it.
            String shown = name == null || name.length() <= 100 ? "'" + name + "'" : "'" + name.substring(0, 100) + "...'";
            throw InvalidInputException.parameter("dataset",
                    shown + " is not a valid dataset name (letters, digits, '.', '_', '-'; at most 100; starting with a letter or digit)");
        }
        return name;
    }
}
