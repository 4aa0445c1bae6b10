package spiky.data;

import java.util.regex.Pattern;
import spiky.InvalidInputException;

/**
 * The rule for dataset names. Names appear in URLs, file names and Cypher: kept plain, so that
 * one that passes can stand in any of them unquoted or inside a string literal. Here in
 * spiky-algo so that the database (spiky.graph.DatasetNames) and the Spark job apply the same one.
 */
public final class DatasetName {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private DatasetName() {}

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
