package spiky.importer;

import java.util.Map;
import java.util.stream.Collectors;

/** A reader's options as one line, {@code minSongs=5, countBy=distinct}: the Dataset property and the import summary say it so. */
final class ReaderOptions {
    private ReaderOptions() {}

    static String describe(Map<String, Object> options) {
        return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
