package spiky.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.data.InteractionsBuilder;

/**
 * HetRec 2011 Last.fm ({@code user_artists.dat}): tab-separated {@code userID artistID weight}
 * under a header; artists are the items, users the contexts, the play count the weight. Artist
 * names come from {@code artists.dat} beside it. Fields are split at every tab with no quoting,
 * since names such as {@code "Weird Al" Yankovic} start with a bare quote.
 */
public final class LastfmHetrecReader implements InteractionReader {
    private static final List<String> HEADER = List.of("userID", "artistID", "weight");
    private static final List<String> ARTISTS_HEADER = List.of("id", "name", "url", "pictureURL");

    @Override
    public void read(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        try (LineSource lines = InputFiles.lines(file, progress)) {
            Fields.expectHeader(lines.firstLine(), '\t', HEADER, lines);
            long rows = 0;
            String line;
            while ((line = lines.next()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = Fields.splitPlain(line, '\t');
                Fields.refuseRepeatedHeader(fields, HEADER, lines);
                if (fields.length != 3) {
                    throw lines.error("expected 3 tab-separated fields (userID, artistID, weight), found " + fields.length);
                }
                String user = Fields.integerId(fields[0], "userID", lines);
                String artist = Fields.integerId(fields[1], "artistID", lines);
                double plays = Fields.number(fields[2], "weight", lines);
                if (plays < 0) {
                    throw lines.error(Fields.quote(fields[2]) + " in column 'weight' is not a play count (a number of at least 0)");
                }
                into.add(artist, user, InteractionsBuilder.NO_TIMESTAMP, plays);
                rows++;
            }
            if (rows == 0) {
                throw InvalidInputException.atLine(file, 1, "no interactions after the header");
            }
        }
        Path artists = InputFiles.sibling(file, "artists.dat");
        if (artists != null) {
            readArtists(artists, into, progress);
        }
    }

    private static void readArtists(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        try (LineSource lines = InputFiles.lines(file, progress)) {
            Fields.expectHeader(lines.firstLine(), '\t', ARTISTS_HEADER, lines);
            String line;
            while ((line = lines.next()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = Fields.splitPlain(line, '\t');
                if (fields.length < 2) {
                    throw lines.error("expected tab-separated fields id, name, url, pictureURL, found " + fields.length);
                }
                into.name(Fields.id(fields[0], "id", lines), fields[1].strip());
            }
        }
    }
}
