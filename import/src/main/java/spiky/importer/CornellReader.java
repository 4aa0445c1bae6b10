package spiky.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.data.InteractionsBuilder;

/**
 * Cornell's yes.com playlists (Chen et al., LME; {@code train.txt}, {@code test.txt}): two
 * metadata lines (lists of numbers: the song ids and their counts), then one playlist per line as
 * space-separated integer song ids. The context id
 * of the playlist on line n is n - 2, so that it leads back to its line. Playlists with fewer
 * than {@link CornellOptions#minSongs()} songs (by default 5 distinct ones; see
 * {@link CornellOptions#countBy()}) are skipped. Song titles come from
 * {@code song_hash.txt} beside the file ({@code id<TAB>title<TAB>artist}) when it is there.
 */
public final class CornellReader implements InteractionReader {
    private static final int HEADER_LINES = 2;

    private final CornellOptions options;

    public CornellReader() {
        this(CornellOptions.DEFAULTS);
    }

    public CornellReader(CornellOptions options) {
        this.options = options;
    }

    @Override
    public Map<String, Object> options() {
        return options.asMap();
    }

    @Override
    public void read(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        try (LineSource lines = InputFiles.lines(file, progress)) {
            checkHeaderLine(lines.firstLine(), lines);
            String second = lines.next();
            if (second != null) {
                checkHeaderLine(second, lines);
            }
            String line;
            while ((line = lines.next()) != null) {
                Set<String> songs = songs(line, lines);
                if (songCount(line, songs) < options.minSongs()) {
                    into.skipRow();
                    continue;
                }
                String playlist = Long.toString(lines.lineNumber() - HEADER_LINES);
                for (String song : songs) {
                    into.add(song, playlist, InteractionsBuilder.NO_TIMESTAMP, Double.NaN);
                }
            }
            if (lines.lineNumber() <= HEADER_LINES) {
                throw InvalidInputException.inFile(file, "no playlists after the two header lines");
            }
        }
        Path songNames = InputFiles.sibling(file, "song_hash.txt");
        if (songNames != null) {
            readSongNames(songNames, into, progress);
        }
    }

    /**
     * The two header lines are lists of numbers (the song ids, then how often each appears), or
     * at least comments starting with '#'. Anything else is not a yes.com file (a CSV, a file
     * cut at its top), and skipping it silently would lose its first two lines.
     */
    private static void checkHeaderLine(String line, LineSource at) {
        if (line.strip().startsWith("#")) {
            return;
        }
        for (String token : line.split("[ \t]+")) {
            if (!token.isEmpty() && !Fields.isIntegerId(token)) {
                throw at.error("expected header line " + at.lineNumber() + " of " + HEADER_LINES
                        + " (whitespace-separated whole numbers, or a comment starting with '#'), found "
                        + Fields.visible(Fields.quote(line)));
            }
        }
    }

    /**
     * The playlist's size by the chosen rule. {@code split} is the part count of Python's
     * {@code line.split(' ')}: one more than the number of spaces, so repeated songs count and so
     * does the empty part after a trailing space.
     */
    private int songCount(String line, Set<String> distinct) {
        if (CornellOptions.SPLIT.equals(options.countBy())) {
            return (int) line.chars().filter(c -> c == ' ').count() + 1;
        }
        return distinct.size();
    }

    /** The line's distinct song ids, in order. */
    private static Set<String> songs(String line, LineSource at) {
        Set<String> songs = new LinkedHashSet<>();
        for (String token : line.split("[ \t]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (!Fields.isIntegerId(token)) {
                throw at.error(Fields.quote(token) + " is not a song id (a whole number from 0 to " + Long.MAX_VALUE + ")");
            }
            songs.add(token);
        }
        return songs;
    }

    private static void readSongNames(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        try (LineSource lines = InputFiles.lines(file, progress)) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = Fields.splitPlain(line, '\t');
                if (fields.length < 2) {
                    throw lines.error("expected tab-separated fields id, title, artist, found " + fields.length);
                }
                into.name(Fields.id(fields[0], "id", lines), SongNames.of(fields[1], fields.length > 2 ? fields[2] : null));
            }
        }
    }
}
