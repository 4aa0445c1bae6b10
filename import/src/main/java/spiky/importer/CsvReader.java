package spiky.importer;

import java.io.IOException;
import java.nio.file.Path;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.data.InteractionsBuilder;
import spiky.data.InterchangeLine;
import spiky.data.LineProblem;

/**
 * The generic format, spiky's csv interchange: a header naming the columns {@code item} and
 * {@code context}, and optionally {@code timestamp} (epoch seconds or ISO-8601), {@code weight} and
 * {@code name} (the item's display name), in any order, separated by commas or tabs, fields quoted
 * as in RFC 4180. An empty timestamp or weight means the row has none. Blank lines are skipped.
 * Each line is parsed by spiky-algo's {@link InterchangeLine}, the parser the Spark job uses too.
 */
public final class CsvReader implements InteractionReader {
    @Override
    public void read(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        try (LineSource lines = InputFiles.lines(file, progress)) {
            String first = lines.firstLine();
            InterchangeLine format;
            try {
                format = InterchangeLine.header(first);
            } catch (LineProblem p) {
                throw lines.error(p.getMessage());
            }
            long rows = 0;
            String line;
            while ((line = lines.next()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                InterchangeLine.Row row;
                try {
                    row = format.parse(line);
                } catch (LineProblem p) {
                    throw lines.error(p.getMessage());
                }
                into.add(row.item(), row.context(), row.timestamp(), row.weight());
                if (row.name() != null) {
                    into.name(row.item(), row.name());
                }
                rows++;
            }
            if (rows == 0) {
                throw InvalidInputException.atLine(file, 1, "no interactions after the header");
            }
        }
    }
}
