package spiky.importer;

import java.io.IOException;
import java.util.List;
import spiky.data.DelimitedHeader;
import spiky.data.LineProblem;

/**
 * The header line of a delimited file whose columns are named and may come in any order:
 * spiky-algo's {@link DelimitedHeader} (the rules the Spark job applies too), its problems
 * reported with the file and line.
 */
final class Header {
    private final DelimitedHeader header;

    private Header(DelimitedHeader header) {
        this.header = header;
    }

    /** Reads line 1 and checks it names every required column, no unknown one and none twice. */
    static Header read(LineSource lines, List<String> required, List<String> optional) throws IOException {
        String line = lines.firstLine();
        try {
            return new Header(DelimitedHeader.parse(line, required, optional));
        } catch (LineProblem p) {
            throw lines.error(p.getMessage());
        }
    }

    /** The column's index, or -1 when the header does not have it. */
    int index(String column) {
        return header.index(column);
    }

    /** Splits a data line, checking it has one field per column and is not the header again. */
    List<String> split(String line, LineSource at) {
        try {
            return header.split(line);
        } catch (LineProblem p) {
            throw at.error(p.getMessage());
        }
    }
}
