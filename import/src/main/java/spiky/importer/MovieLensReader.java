package spiky.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.data.InteractionsBuilder;

/**
 * MovieLens ratings: movies are the items, users the contexts, the rating the weight. Two
 * layouts, told apart by line 1: {@code ratings.csv} (ml-latest, ml-20m, ...) starts with the
 * header {@code userId,movieId,rating,timestamp}; {@code u.data} (ml-100k) has no header and
 * separates {@code user item rating timestamp} by tabs. Titles come from the file the same
 * release ships beside the ratings: {@code movies.csv} (UTF-8) or {@code u.item} (ISO-8859-1).
 */
public final class MovieLensReader implements InteractionReader {
    private static final List<String> RATINGS_HEADER = List.of("userId", "movieId", "rating", "timestamp");
    private static final List<String> MOVIES_HEADER = List.of("movieId", "title", "genres");

    @Override
    public void read(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        boolean csv;
        try (LineSource lines = InputFiles.lines(file, progress)) {
            String line = lines.firstLine();
            // A ratings.csv header saved with tabs is still that header: say so, rather than
            // read it as a u.data row whose rating is the word 'rating'.
            csv = Fields.splitPlain(line, ',')[0].strip().equalsIgnoreCase(RATINGS_HEADER.get(0))
                    || Fields.splitPlain(line, '\t')[0].strip().equalsIgnoreCase(RATINGS_HEADER.get(0));
            char delimiter = csv ? ',' : '\t';
            if (csv) {
                Fields.expectHeader(line, delimiter, RATINGS_HEADER, lines);
                line = lines.next();
            }
            long rows = 0;
            for (; line != null; line = lines.next()) {
                if (!line.isEmpty()) {
                    addRating(line, delimiter, lines, into);
                    rows++;
                }
            }
            if (rows == 0) {
                throw csv ? InvalidInputException.atLine(file, 1, "no ratings after the header")
                        : InvalidInputException.inFile(file, "no ratings, only blank lines");
            }
        }
        Path titles = InputFiles.sibling(file, csv ? "movies.csv" : "u.item");
        if (titles == null) {
            return;
        }
        if (csv) {
            readMoviesCsv(titles, into, progress);
        } else {
            readUItem(titles, into, progress);
        }
    }

    private static void addRating(String line, char delimiter, LineSource at, InteractionsBuilder into) {
        String[] fields = Fields.splitPlain(line, delimiter);
        Fields.refuseRepeatedHeader(fields, RATINGS_HEADER, at);
        if (fields.length != 4) {
            throw at.error("expected 4 " + Fields.delimiterName(delimiter)
                    + "-separated fields (user, movie, rating, timestamp), found " + fields.length);
        }
        String user = Fields.integerId(fields[0], "user", at);
        String movie = Fields.integerId(fields[1], "movie", at);
        double rating = Fields.number(fields[2], "rating", at);
        long timestamp = Fields.integer(fields[3], "timestamp", at);
        if (timestamp == InteractionsBuilder.NO_TIMESTAMP) {
            // The one long the builder reads as "no timestamp": refuse it rather than drop it.
            throw at.error(Fields.quote(fields[3]) + " in column 'timestamp' is out of range");
        }
        into.add(movie, user, timestamp, rating);
    }

    /** {@code movieId,title,genres}; titles with commas are quoted. */
    private static void readMoviesCsv(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        try (LineSource lines = InputFiles.lines(file, progress)) {
            Fields.expectHeader(lines.firstLine(), ',', MOVIES_HEADER, lines);
            String line;
            while ((line = lines.next()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> fields = Fields.split(line, ',', lines);
                if (fields.size() != 3) {
                    throw lines.error("expected 3 comma-separated fields (movieId, title, genres), found " + fields.size());
                }
                into.name(Fields.id(fields.get(0), "movieId", lines), fields.get(1).strip());
            }
        }
    }

    /** {@code id|title|release date|...}, in ISO-8859-1 as GroupLens ships it. */
    private static void readUItem(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        try (LineSource lines = InputFiles.lines(file, StandardCharsets.ISO_8859_1, progress)) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = Fields.splitPlain(line, '|');
                if (fields.length < 2) {
                    throw lines.error("expected 'movie id|title|...', found " + Fields.quote(line));
                }
                into.name(Fields.id(fields[0], "movie id", lines), fields[1].strip());
            }
        }
    }
}
