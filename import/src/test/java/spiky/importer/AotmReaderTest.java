package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spiky.data.Interactions;

class AotmReaderTest {
    private static final AotmReader READER = new AotmReader();

    private static final String PLAYLISTS = """
            [
              {"mix_id": 1, "category": "Mixed Genre", "user": {"name": "ann", "since": 1999},
               "timestamp": "2003-02-11 16:39:00",
               "playlist": [[["The Beatles", "Help!"], "TRA"], [["Nobody", "Unmatched"], null], [["Björk", "Joga"], "TRB"]],
               "filtered_lists": [["TRA", "TRB"], ["TRC", "TRA"]]},
              {"filtered_lists": [], "mix_id": 2, "playlist": []},
              {"mix_id": "3", "timestamp": "2005-01-01T00:00:00", "filtered_lists": [["TRC"]]},
              {"mix_id": 4, "timestamp": "some day", "filtered_lists": [["TRB"]]}
            ]
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsPlaylistsFlatteningFilteredLists(boolean gzip) throws IOException {
        Path file = TestFiles.write(dir.resolve("aotm2011_playlists.json"), PLAYLISTS, gzip);
        Interactions in = TestFiles.read(READER, file);
        assertEquals(List.of("TRA 1 1044981540 -", "TRB 1 1044981540 -", "TRB 4 - -", "TRC 1 1044981540 -", "TRC 3 1104537600 -"),
                TestFiles.rows(in));
        assertEquals(List.of("1", "3", "4"), List.of(in.contextKeys()));
        assertEquals(1, in.rowsSkipped());
        assertEquals(1, in.duplicates());
        assertEquals(Map.of("TRA", "Help! — The Beatles", "TRB", "Joga — Björk"), TestFiles.names(in));
    }

    @Test
    void syntaxErrorIsAtTheParsersLine() throws IOException {
        Path file = TestFiles.write(dir.resolve("a.json"), "[\n  {\"mix_id\": 1,\n   \"filtered_lists\": [[\"A\"]]\n   \"x\": 1}\n]\n");
        String message = TestFiles.error(READER, file);
        assertTrue(message.startsWith(file + ":4: invalid JSON: "), message);
    }

    @Test
    void missingMixIdIsAnErrorAtThePlaylist() throws IOException {
        Path file = TestFiles.write(dir.resolve("a.json"), "[{\"mix_id\": 1, \"filtered_lists\": []},\n {\"filtered_lists\": [[\"A\"]]}]");
        assertEquals(file + ":2: playlist without a mix_id (at '/1')", TestFiles.error(READER, file));
    }

    @Test
    void wrongShapesAreErrors() throws IOException {
        Path file = TestFiles.write(dir.resolve("a.json"), "{\"mix_id\": 1}");
        assertEquals(file + ":1: expected an array of playlists, found an object (column 1)", TestFiles.error(READER, file));
        TestFiles.write(file, "[{\"mix_id\": 1, \"filtered_lists\": [\"A\"]}]");
        assertEquals(file + ":1: expected a list of song ids in filtered_lists, found a string (column 35, at '/0/filtered_lists/0')",
                TestFiles.error(READER, file));
        TestFiles.write(file, "[{\"mix_id\": 1, \"filtered_lists\": [[\"A\"]]}] []");
        assertTrue(TestFiles.error(READER, file).startsWith(file + ":1: found an array after the end of the top-level value"), TestFiles.error(READER, file));
    }

    @Test
    void nonUtf8IsAnErrorAtItsLine() throws IOException {
        byte[] good = "[\n{\"mix_id\": 1, \"filtered_lists\": [[\"A\"]]},\n{\"mix_id\": 2, \"filtered_lists\": [[\"".getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(good, good.length + 5);
        byte[] tail = {(byte) 0xC0, '"', ']', ']', '}'};
        System.arraycopy(tail, 0, content, good.length, tail.length);
        Path file = Files.write(dir.resolve("a.json"), content);
        assertTrue(TestFiles.error(READER, file).startsWith(file + ":3: not valid UTF-8 text"), TestFiles.error(READER, file));
    }

    @Test
    void truncatedGzipIsAnError() throws IOException {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < 20_000; i++) {
            json.append("{\"mix_id\": ").append(i).append(", \"filtered_lists\": [[\"TR").append(i % 977).append("\"]]},\n");
        }
        json.append("{\"mix_id\": -1, \"filtered_lists\": []}]\n");
        byte[] gzip = TestFiles.gzip(json.toString().getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);
        Path file = Files.write(dir.resolve("a.json.gz"), truncated);
        String message = TestFiles.error(READER, file);
        assertTrue(message.startsWith(file + ":" + TestFiles.lineReached(truncated) + ": truncated or corrupt gzip data (column "), message);
    }
}
