package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spiky.data.Interactions;

class MpdReaderTest {
    private static final MpdReader READER = new MpdReader();

    private static final String SLICE = """
            {
                "info": {"generated_on": "2017-12-03 08:41:42.057563", "slice": "0-999", "version": "v1"},
                "playlists": [
                    {
                        "name": "Throwbacks",
                        "collaborative": "false",
                        "pid": 0,
                        "modified_at": 1493424000,
                        "num_tracks": 3,
                        "tracks": [
                            {"pos": 0, "artist_name": "Missy Elliott", "track_uri": "spotify:track:A",
                             "track_name": "Lose Control", "duration_ms": 226863},
                            {"pos": 1, "artist_name": "Britney Spears", "track_uri": "spotify:track:B", "track_name": "Toxic"},
                            {"pos": 2, "artist_name": "Missy Elliott", "track_uri": "spotify:track:A", "track_name": "Lose Control"}
                        ],
                        "num_edits": 6
                    },
                    {"pid": 1, "name": "empty", "tracks": []},
                    {"tracks": [{"track_uri": "spotify:track:B", "track_name": "Toxic", "artist_name": null}], "pid": 2}
                ]
            }
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsTracksOfPlaylists(boolean gzip) throws IOException {
        Path file = TestFiles.write(dir.resolve("mpd.slice.0-999.json"), SLICE, gzip);
        Interactions in = TestFiles.read(READER, file);
        assertEquals(List.of("spotify:track:A 0 1493424000 -", "spotify:track:B 0 1493424000 -", "spotify:track:B 2 - -"),
                TestFiles.rows(in));
        assertEquals(List.of("0", "2"), List.of(in.contextKeys()));
        assertEquals(1, in.rowsSkipped());
        assertEquals(1, in.duplicates());
        assertEquals(Map.of("spotify:track:A", "Lose Control — Missy Elliott", "spotify:track:B", "Toxic"), TestFiles.names(in));
    }

    @Test
    void syntaxErrorIsAtTheParsersLine() throws IOException {
        Path file = TestFiles.write(dir.resolve("s.json"), SLICE.replace("\"num_edits\": 6", "\"num_edits\": 6,"));
        String message = TestFiles.error(READER, file);
        assertTrue(message.startsWith(file + ":17: invalid JSON: "), message);
    }

    @Test
    void missingPidOrTrackUriIsAnError() throws IOException {
        Path file = TestFiles.write(dir.resolve("s.json"), "{\"playlists\": [\n{\"tracks\": [{\"track_uri\": \"u\"}]}]}");
        assertEquals(file + ":2: playlist without a pid (at '/playlists/0')", TestFiles.error(READER, file));
        TestFiles.write(file, "{\"playlists\": [{\"pid\": 1, \"tracks\": [\n{\"track_name\": \"x\"}]}]}");
        assertEquals(file + ":2: track without a track_uri (at '/playlists/0/tracks/0')", TestFiles.error(READER, file));
    }

    @Test
    void wrongShapesAreErrors() throws IOException {
        Path file = TestFiles.write(dir.resolve("s.json"), "{\"info\": {}}");
        assertTrue(TestFiles.error(READER, file).startsWith(file + ":1: no 'playlists' array in the top-level object"));
        TestFiles.write(file, "{\"playlists\": [{\"pid\": 1, \"modified_at\": \"yesterday\", \"tracks\": []}]}");
        assertTrue(TestFiles.error(READER, file).startsWith(file + ":1: expected modified_at as an integer, found a string"),
                TestFiles.error(READER, file));
        TestFiles.write(file, "{\"playlists\": [{\"pid\": 1, \"modified_at\": 99999999999999999999, \"tracks\": []}]}");
        assertEquals(file + ":1: modified_at '99999999999999999999' does not fit in 64 bits (column 42, at '/playlists/0/modified_at')",
                TestFiles.error(READER, file));
    }

    @Test
    void aMegabyteLongStringIsRefusedLikeALongLine() throws IOException {
        Path file = TestFiles.write(dir.resolve("s.json"), "{\"playlists\": [{\"pid\": 1, \"tracks\": [{\"track_uri\": \""
                + "x".repeat(InputFiles.MAX_LINE_LENGTH + 1) + "\"}]}]}");
        String message = TestFiles.error(READER, file);
        assertEquals(file + ":1: a string longer than 1048576 characters (column 52, at '/playlists/0/tracks/0/track_uri')", message);
    }
}
