package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spiky.data.Interactions;

class CornellReaderTest {
    private static final CornellReader READER = new CornellReader();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsPlaylistsSkippingHeadersAndShortOnes(boolean gzip) throws IOException {
        Path file = TestFiles.write(dir.resolve("train.txt"), """
                0 1 2 3 4 5 6 7 10 11 12 13 14 15\s
                # counts
                0 1 2 3 4\s
                5 6 7
                0 1 2 3 3 3\s
                10 11 12 13 14 15
                """, gzip);
        Interactions in = TestFiles.read(READER, file);
        assertEquals(List.of("0 1 - -", "1 1 - -", "10 4 - -", "11 4 - -", "12 4 - -", "13 4 - -", "14 4 - -",
                "15 4 - -", "2 1 - -", "3 1 - -", "4 1 - -"), TestFiles.rows(in));
        assertEquals(List.of("1", "4"), List.of(in.contextKeys()));
        assertEquals(2, in.rowsSkipped());
    }

    @Test
    void namesSongsFromSongHash() throws IOException {
        Path file = TestFiles.write(dir.resolve("train.txt"), "1 2 3 4 5\n1 1 1 1 1\n1 2 3 4 5\n");
        TestFiles.write(dir.resolve("song_hash.txt"), "1\tGimme Shelter\tThe Rolling Stones\n2\tUntitled\t\n3\t\tNo Title\n");
        assertEquals(Map.of("1", "Gimme Shelter — The Rolling Stones", "2", "Untitled"),
                TestFiles.names(TestFiles.read(READER, file)));
    }

    @Test
    void nonIntegerSongIsAnErrorAtItsLine() throws IOException {
        Path file = TestFiles.write(dir.resolve("train.txt"), "#\n#\n1 2 3 4 5\n1 2 x3 4 5\n");
        assertEquals(file + ":4: 'x3' is not a song id (a whole number from 0 to 9223372036854775807)", TestFiles.error(READER, file));
        TestFiles.write(file, "#\n#\n1 2 3 4 9223372036854775808\n");
        assertEquals(file + ":3: '9223372036854775808' is not a song id (a whole number from 0 to 9223372036854775807)",
                TestFiles.error(READER, file));
    }

    @Test
    void headerLinesMustBeNumbersOrComments() throws IOException {
        Path file = TestFiles.write(dir.resolve("train.txt"), "song,count\n1 2\n1 2 3 4 5\n");
        assertEquals(file + ":1: expected header line 1 of 2 (whitespace-separated whole numbers, or a comment starting with '#'), "
                + "found 'song,count'", TestFiles.error(READER, file));
        TestFiles.write(file, "1 2\ncounts:\t1 1\n1 2 3 4 5\n");
        assertEquals(file + ":2: expected header line 2 of 2 (whitespace-separated whole numbers, or a comment starting with '#'), "
                + "found 'counts:\\t1 1'", TestFiles.error(READER, file));
    }

    @Test
    void onlyHeaderLinesIsAnError() throws IOException {
        Path file = TestFiles.write(dir.resolve("train.txt"), "1 2\r\n3 4\r\n");
        assertEquals(file + ": no playlists after the two header lines", TestFiles.error(READER, file));
    }
}
