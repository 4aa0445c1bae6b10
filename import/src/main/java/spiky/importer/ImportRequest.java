package spiky.importer;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to import.
 *
 * @param dataset the dataset's name in the graph
 * @param format  one of {@link Format}'s names
 * @param path    the interactions file (plain or gzip)
 * @param items   optional planted truth: csv item,community,theta[,name]; null when absent
 * @param replace erase an existing dataset of that name first
 * @param options the reader's options (only cornell takes any: {@link CornellOptions}); empty for none
 */
public record ImportRequest(String dataset, String format, Path path, Path items, boolean replace, Map<String, ?> options) {
    public ImportRequest {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    /** A request with the reader's default options. */
    public ImportRequest(String dataset, String format, Path path, Path items, boolean replace) {
        this(dataset, format, path, items, replace, Map.of());
    }
}
