package spiky.importer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import spiky.InvalidInputException;

/** The dataset formats spiky reads, by the names the CLI and the procedures take. */
public enum Format {
    CSV("csv", withoutOptions("csv", CsvReader::new)),
    MOVIELENS("movielens", withoutOptions("movielens", MovieLensReader::new)),
    LASTFM_HETREC("lastfm-hetrec", withoutOptions("lastfm-hetrec", LastfmHetrecReader::new)),
    CORNELL("cornell", options -> new CornellReader(CornellOptions.parse(options))),
    AOTM("aotm", withoutOptions("aotm", AotmReader::new)),
    MPD("mpd", withoutOptions("mpd", MpdReader::new));

    private final String cliName;
    private final Function<Map<String, ?>, InteractionReader> reader;

    Format(String cliName, Function<Map<String, ?>, InteractionReader> reader) {
        this.cliName = cliName;
        this.reader = reader;
    }

    /** A format whose reader takes no options: any option given is a mistake, named with the format. */
    private static Function<Map<String, ?>, InteractionReader> withoutOptions(String name, Supplier<InteractionReader> reader) {
        return options -> {
            if (options != null && !options.isEmpty()) {
                String given = String.join(", ", new java.util.TreeSet<>(options.keySet()));
                throw InvalidInputException.of("Unexpected reader option " + given + " for the " + name
                        + " format: it takes none (only cornell takes reader options: " + String.join(", ", CornellOptions.KEYS) + ")");
            }
            return reader.get();
        };
    }

    public String cliName() {
        return cliName;
    }

    /** The reader with its default options. */
    public InteractionReader reader() {
        return reader(Map.of());
    }

    /** The reader with these options (string values as the CLI gives them, or typed as JSON gives them). */
    public InteractionReader reader(Map<String, ?> options) {
        return reader.apply(options == null ? Map.of() : options);
    }

    public static List<String> cliNames() {
        return Arrays.stream(values()).map(Format::cliName).toList();
    }

    public static Format parse(String name) {
        for (Format format : values()) {
            if (format.cliName.equals(name)) {
                return format;
            }
        }
        String given = name == null ? "null" : Fields.quote(name);
        throw InvalidInputException.parameter("format", given + " is not one of " + cliNames());
    }
}
