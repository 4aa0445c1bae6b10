package spiky.importer;

import java.nio.file.Path;

/**
 * What to import.
 *
 * @param dataset the dataset's name in the graph
 * @param format  one of {@link Format}'s names
 * @param path    the interactions file (plain or gzip)
 * @param items   optional planted truth: csv item,community,theta[,name]; null when absent
 * @param replace erase an existing dataset of that name first
 */
public record ImportRequest(String dataset, String format, Path path, Path items, boolean replace) {}
