package spiky.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.Progress;

/**
 * Reads the planted truth given with {@code --items}: a header naming {@code item},
 * {@code community}, {@code theta} and optionally {@code name}, in any order, separated by commas
 * or tabs. Each item appears once, with a community that is a non-negative integer and a theta
 * (its degree parameter) that is a positive finite number.
 */
public final class TruthFileReader {
    private static final List<String> REQUIRED = List.of("item", "community", "theta");
    private static final List<String> OPTIONAL = List.of("name");

    /**
     * @param byItem item key → {community, theta}, the form {@link spiky.data.Interactions#withTruth} takes
     * @param names  item key → display name, for the items that have one
     */
    public record Truth(Map<String, double[]> byItem, Map<String, String> names) {}

    private TruthFileReader() {}

    public static Truth read(Path file, Progress progress) throws IOException {
        Map<String, double[]> byItem = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (LineSource lines = InputFiles.lines(file, progress)) {
            Header header = Header.read(lines, REQUIRED, OPTIONAL);
            int item = header.index("item");
            int community = header.index("community");
            int theta = header.index("theta");
            int name = header.index("name");
            String line;
            while ((line = lines.next()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> fields = header.split(line, lines);
                String key = Fields.id(fields.get(item), "item", lines);
                double[] truth = {community(fields.get(community), lines), theta(fields.get(theta), lines)};
                if (byItem.putIfAbsent(key, truth) != null) {
                    throw lines.error("item " + Fields.quote(key) + " appears a second time");
                }
                if (name >= 0 && !fields.get(name).isBlank()) {
                    names.put(key, fields.get(name).strip());
                }
            }
        }
        if (byItem.isEmpty()) {
            throw InvalidInputException.atLine(file, 1, "no items after the header");
        }
        return new Truth(byItem, names);
    }

    private static int community(String text, LineSource at) {
        long value = Fields.integer(text, "community", at);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw at.error(Fields.quote(text) + " in column 'community' is not a non-negative integer");
        }
        return (int) value;
    }

    private static double theta(String text, LineSource at) {
        double value = Fields.number(text, "theta", at);
        if (value <= 0) {
            throw at.error(Fields.quote(text) + " in column 'theta' is not a positive number");
        }
        return value;
    }
}
