package spiky.data;

import java.io.Serializable;
import java.util.List;

/**
 * spiky's csv interchange, line by line: a header naming the columns {@code item} and
 * {@code context}, and optionally {@code timestamp} (epoch seconds or ISO-8601), {@code weight}
 * and {@code name} (the item's display name), in any order, separated by commas or tabs, fields
 * quoted as in RFC 4180; an empty timestamp or weight means the row has none. The one parser of
 * the format: the importer's CsvReader and the Spark job's input both read through it, so a file
 * either loads the same in both or is refused with the same words. Blank lines are the caller's
 * to skip. A bad line is a {@link LineProblem}.
 */
public final class InterchangeLine implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final List<String> REQUIRED = List.of("item", "context");
    public static final List<String> OPTIONAL = List.of("timestamp", "weight", "name");

    /**
     * One data line.
     *
     * @param timestamp epoch seconds, {@link InteractionsBuilder#NO_TIMESTAMP} when none
     * @param weight    NaN when none
     * @param name      the item's display name (stripped), null when the file has no name column
     */
    public record Row(String item, String context, long timestamp, double weight, String name) {
        public boolean hasTimestamp() {
            return timestamp != InteractionsBuilder.NO_TIMESTAMP;
        }
    }

    private final DelimitedHeader header;
    private final int item;
    private final int context;
    private final int timestamp;
    private final int weight;
    private final int name;

    private InterchangeLine(DelimitedHeader header) {
        this.header = header;
        this.item = header.index("item");
        this.context = header.index("context");
        this.timestamp = header.index("timestamp");
        this.weight = header.index("weight");
        this.name = header.index("name");
    }

    /** Reads the header (line 1); a problem when a column is missing, unknown or repeated. */
    public static InterchangeLine header(String line) {
        return new InterchangeLine(DelimitedHeader.parse(line, REQUIRED, OPTIONAL));
    }

    public boolean hasTimestamps() {
        return timestamp >= 0;
    }

    public boolean hasWeights() {
        return weight >= 0;
    }

    public boolean hasNames() {
        return name >= 0;
    }

    /** A data line (not blank). */
    public Row parse(String line) {
        List<String> fields = header.split(line);
        return new Row(Delimited.id(fields.get(item), "item"), Delimited.id(fields.get(context), "context"),
                timestamp < 0 ? InteractionsBuilder.NO_TIMESTAMP : Delimited.timestamp(fields.get(timestamp), "timestamp"),
                weight < 0 || fields.get(weight).isBlank() ? Double.NaN : Delimited.number(fields.get(weight), "weight"),
                name < 0 ? null : fields.get(name).strip());
    }
}
