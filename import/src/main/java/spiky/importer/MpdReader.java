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
import spiky.data.InteractionsBuilder;

/**
 * One slice of Spotify's Million Playlist Dataset ({@code mpd.slice.0-999.json}):
 * {@code {"info": ..., "playlists": [{"pid", "modified_at", "tracks": [{"track_uri",
 * "track_name", "artist_name", ...}]}]}}. Tracks (by URI) are the items, playlists (by pid) the
 * contexts; a playlist's {@code modified_at} is the timestamp of all its rows.
 */
public final class MpdReader implements InteractionReader {
    @Override
    public void read(Path file, InteractionsBuilder into, Progress progress) throws IOException {
        JsonInput.read(file, progress, json -> {
            json.next();
            json.expect(START_OBJECT, "an object with a 'playlists' array");
            boolean playlists = false;
            while (json.next() == FIELD_NAME) {
                String field = json.fieldName();
                json.next();
                if (field.equals("playlists")) {
                    readPlaylists(json, into);
                    playlists = true;
                } else {
                    json.skipValue();
                }
            }
            if (!playlists) {
                throw json.error("no 'playlists' array in the top-level object");
            }
        });
    }

    private static void readPlaylists(JsonInput json, InteractionsBuilder into) throws IOException {
        json.expect(START_ARRAY, "'playlists' as an array");
        while (json.next() != END_ARRAY) {
            json.expect(START_OBJECT, "a playlist object");
            readPlaylist(json, into);
        }
    }

    private static void readPlaylist(JsonInput json, InteractionsBuilder into) throws IOException {
        long start = json.line();
        String pid = null;
        long modifiedAt = InteractionsBuilder.NO_TIMESTAMP;
        List<String> tracks = new ArrayList<>();
        while (json.next() == FIELD_NAME) {
            String field = json.fieldName();
            json.next();
            switch (field) {
                case "pid" -> pid = json.id("pid");
                case "modified_at" -> modifiedAt = json.longValue("modified_at");
                case "tracks" -> readTracks(json, tracks, into);
                default -> json.skipValue();
            }
        }
        if (pid == null) {
            throw json.errorAt(start, "playlist without a pid");
        }
        if (tracks.isEmpty()) {
            into.skipRow();
        }
        for (String track : tracks) {
            into.add(track, pid, modifiedAt, Double.NaN);
        }
    }

    private static void readTracks(JsonInput json, List<String> tracks, InteractionsBuilder into) throws IOException {
        json.expect(START_ARRAY, "'tracks' as an array");
        while (json.next() != END_ARRAY) {
            json.expect(START_OBJECT, "a track object");
            long start = json.line();
            String uri = null;
            String title = null;
            String artist = null;
            while (json.next() == FIELD_NAME) {
                String field = json.fieldName();
                json.next();
                switch (field) {
                    case "track_uri" -> uri = json.id("track_uri");
                    case "track_name" -> title = json.textOrNull("track_name");
                    case "artist_name" -> artist = json.textOrNull("artist_name");
                    default -> json.skipValue();
                }
            }
            if (uri == null) {
                throw json.errorAt(start, "track without a track_uri");
            }
            tracks.add(uri);
            into.name(uri, SongNames.of(title, artist));
        }
    }
}
