package spiky.importer;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import spiky.InvalidInputException;

/** The dataset formats spiky reads, by the names the CLI and the procedures take. */
public enum Format {
    CSV("csv", CsvReader::new),
    MOVIELENS("movielens", MovieLensReader::new),
    LASTFM_HETREC("lastfm-hetrec", LastfmHetrecReader::new),
    CORNELL("cornell", CornellReader::new),
    AOTM("aotm", AotmReader::new),
    MPD("mpd", MpdReader::new);

    private final String cliName;
    private final Supplier<InteractionReader> reader;

    Format(String cliName, Supplier<InteractionReader> reader) {
        this.cliName = cliName;
        this.reader = reader;
    }

    public String cliName() {
        return cliName;
    }

    public InteractionReader reader() {
        return reader.get();
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
