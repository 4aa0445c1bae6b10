package spiky.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.data.InteractionsBuilder;

/**
 * The generic format: a header naming the columns {@code item} and {@code context}, and
 * optionally {@code timestamp} (epoch seconds or ISO-8601), {@code weight} and {@code name} (the
 * item's display name), in any order, separated by commas or tabs, fields quoted as in RFC 4180.
 * An empty timestamp or weight means the row has none. Blank lines are skipped.
 */
public final class CsvReader implements InteractionReader {
    private static final List<String> REQUIRED = List.of("item", "context");
    private static final List<String> OPTIONAL = List.of("timestamp", "weight", "name");

    @Override
    public void read(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        try (LineSource lines = InputFiles.lines(file, progress)) {
            Header header = Header.read(lines, REQUIRED, OPTIONAL);
            int item = header.index("item");
            int context = header.index("context");
            int timestamp = header.index("timestamp");
            int weight = header.index("weight");
            int name = header.index("name");
            long rows = 0;
            String line;
            while ((line = lines.next()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> fields = header.split(line, lines);
                String itemKey = Fields.id(fields.get(item), "item", lines);
                into.add(itemKey, Fields.id(fields.get(context), "context", lines),
                        timestamp < 0 ? InteractionsBuilder.NO_TIMESTAMP : timestamp(fields.get(timestamp), lines),
                        weight < 0 ? Double.NaN : weight(fields.get(weight), lines));
                if (name >= 0) {
                    into.name(itemKey, fields.get(name).strip());
                }
                rows++;
            }
            if (rows == 0) {
                throw InvalidInputException.atLine(file, 1, "no interactions after the header");
            }
        }
    }

    private static long timestamp(String text, LineSource at) {
        if (text.isBlank()) {
            return InteractionsBuilder.NO_TIMESTAMP;
        }
        OptionalLong seconds = Timestamps.parse(text);
        if (seconds.isEmpty()) {
            throw at.error(Fields.quote(text) + " in column 'timestamp' is neither epoch seconds nor an ISO-8601 date-time");
        }
        return seconds.getAsLong();
    }

    private static double weight(String text, LineSource at) {
        return text.isBlank() ? Double.NaN : Fields.number(text, "weight", at);
    }
}
