package spiky.importer;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.FIELD_NAME;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spiky.Progress;
import spiky.data.Delimited;
import spiky.data.InteractionsBuilder;

/**
 * Art of the Mix 2011 (McFee and Lanckriet; {@code aotm2011_playlists.json}): an array of
 * playlists, each with a {@code mix_id} (the context), {@code filtered_lists} (runs of the
 * playlist's songs matched to Million Song Dataset ids, flattened here into one list of items),
 * a {@code timestamp} when it parses, and {@code playlist}, entries
 * {@code [[artist, title], song id or null]} that give the songs their names.
 */
public final class AotmReader implements InteractionReader {
    @Override
    public void read(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        JsonInput.read(file, progress, json -> {
            json.next();
            json.expect(START_ARRAY, "an array of playlists");
            while (json.next() != END_ARRAY) {
                json.expect(START_OBJECT, "a playlist object");
                readPlaylist(json, into);
            }
        });
    }

    private static void readPlaylist(JsonInput json, InteractionsBuilder into) throws IOException {
        long start = json.line();
        String mixId = null;
        long timestamp = InteractionsBuilder.NO_TIMESTAMP;
        List<String> songs = new ArrayList<>();
        while (json.next() == FIELD_NAME) {
            String field = json.fieldName();
            json.next();
            switch (field) {
                case "mix_id" -> mixId = json.id("mix_id");
                case "filtered_lists" -> readFilteredLists(json, songs);
                case "timestamp" -> timestamp = timestamp(json);
                case "playlist" -> readSongNames(json, into);
                default -> json.skipValue();
            }
        }
        if (mixId == null) {
            throw json.errorAt(start, "playlist without a mix_id");
        }
        if (songs.isEmpty()) {
            into.skipRow();
        }
        for (String song : songs) {
            into.add(song, mixId, timestamp, Double.NaN);
        }
    }

    private static void readFilteredLists(JsonInput json, List<String> songs) throws IOException {
        json.expect(START_ARRAY, "filtered_lists as an array of arrays of song ids");
        while (json.next() != END_ARRAY) {
            json.expect(START_ARRAY, "a list of song ids in filtered_lists");
            while (json.next() != END_ARRAY) {
                songs.add(json.id("song id"));
            }
        }
    }

    /** Epoch seconds, or none when the value is not a date-time we can read. */
    private static long timestamp(JsonInput json) throws IOException {
        if (!json.current().isScalarValue()) {
            json.skipValue();
            return InteractionsBuilder.NO_TIMESTAMP;
        }
        String text = json.textOrNull("timestamp");
        return text == null ? InteractionsBuilder.NO_TIMESTAMP
                : Delimited.epochSeconds(text).orElse(InteractionsBuilder.NO_TIMESTAMP);
    }

    private static void readSongNames(JsonInput json, InteractionsBuilder into) throws IOException {
        String shape = "[[artist, title], song id]";
        json.expect(START_ARRAY, "playlist as an array of " + shape);
        while (json.next() != END_ARRAY) {
            json.expect(START_ARRAY, shape);
            json.next();
            json.expect(START_ARRAY, "[artist, title] in " + shape);
            json.next();
            String artist = json.textOrNull("an artist");
            json.next();
            String title = json.textOrNull("a title");
            json.next();
            json.expect(END_ARRAY, "the end of [artist, title]");
            json.next();
            String song = json.textOrNull("a song id");
            json.next();
            json.expect(END_ARRAY, "the end of " + shape);
            if (song != null) {
                into.name(song.strip(), SongNames.of(title, artist));
            }
        }
    }
}
