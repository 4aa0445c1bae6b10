package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.InvalidInputException;
import spiky.data.Interactions;

/** The cornell reader's options minSongs and countBy, and every other format refusing options. */
class CornellOptionsTest {
    /**
     * Every playlist line ends with a space, as in train.txt. Playlist 1 (line 3): 5 distinct songs,
     * 6 split parts; 2: 4 distinct, 5 parts; 3: 3 distinct songs with repeats, 6 parts; 4: 3
     * distinct, 4 parts.
     */
    private static final String TRAIN = """
            0 1 2 3 4 5 6 7 8 9
            1 1 1 1 1 1 1 1 1 1
            0 1 2 3 4\s
            5 6 7 8\s
            1 2 3 1 2\s
            7 8 9\s
            """;

    @TempDir
    Path dir;

    private List<String> playlists(Map<String, ?> options) throws IOException {
        Path file = TestFiles.write(dir.resolve("train.txt"), TRAIN);
        Interactions in = TestFiles.read(Format.CORNELL.reader(options), file);
        return List.of(in.contextKeys());
    }

    @Test
    void defaultKeepsPlaylistsOfFiveDistinctSongs() throws IOException {
        assertEquals(List.of("1"), playlists(Map.of()));
        assertEquals(Map.of("minSongs", 5, "countBy", "distinct"), Format.CORNELL.reader().options());
    }

    @Test
    void splitCountsRepeatsAndTheTrailingEmptyPartAsThePapersExtractionDoes() throws IOException {
        assertEquals(List.of("1", "2", "3"), playlists(Map.of("countBy", "split")));
        assertEquals(List.of("1", "2", "3", "4"), playlists(Map.of("countBy", "split", "minSongs", "4")));
        assertEquals(List.of("1", "3"), playlists(Map.of("countBy", "split", "minSongs", 6)));
    }

    @Test
    void minSongsMovesTheDistinctThreshold() throws IOException {
        assertEquals(List.of("1", "2"), playlists(Map.of("minSongs", "4")));
        assertEquals(List.of("1", "2", "3", "4"), playlists(Map.of("minSongs", 1)));
        assertEquals(List.of(), List.of(TestFiles.read(Format.CORNELL.reader(Map.of("minSongs", 6)),
                TestFiles.write(dir.resolve("t.txt"), TRAIN)).contextKeys()));
    }

    @Test
    void keptPlaylistsStillHoldEachSongOnce() throws IOException {
        Path file = TestFiles.write(dir.resolve("train.txt"), TRAIN);
        Interactions in = TestFiles.read(Format.CORNELL.reader(Map.of("countBy", "split")), file);
        assertEquals(List.of("0 1 - -", "1 1 - -", "1 3 - -", "2 1 - -", "2 3 - -", "3 1 - -", "3 3 - -", "4 1 - -",
                "5 2 - -", "6 2 - -", "7 2 - -", "8 2 - -"), TestFiles.rows(in));
        assertEquals(1, in.rowsSkipped());
    }

    @Test
    void anUnknownOptionIsRefusedWithTheNearestKey() {
        assertEquals("Unexpected configuration key: minSong (Did you mean [minSongs]?)",
                assertThrows(InvalidInputException.class, () -> Format.CORNELL.reader(Map.of("minSong", "4"))).getMessage());
        assertEquals("Unexpected configuration key: countby (Did you mean [countBy]?)",
                assertThrows(InvalidInputException.class, () -> Format.CORNELL.reader(Map.of("countby", "split"))).getMessage());
    }

    @Test
    void aBadValueNamesTheOption() {
        assertEquals("Invalid value for `minSongs`: 0 is not in the range [1, 2147483647]",
                assertThrows(InvalidInputException.class, () -> Format.CORNELL.reader(Map.of("minSongs", "0"))).getMessage());
        assertEquals("Invalid value for `minSongs`: expected an integer, got 'four'",
                assertThrows(InvalidInputException.class, () -> Format.CORNELL.reader(Map.of("minSongs", "four"))).getMessage());
        assertEquals("Invalid value for `countBy`: 'all' is not one of [distinct, split]",
                assertThrows(InvalidInputException.class, () -> Format.CORNELL.reader(Map.of("countBy", "all"))).getMessage());
    }

    @Test
    void everyOtherFormatRefusesAnyOptionNamingItAndTheFormat() {
        for (Format format : Format.values()) {
            if (format == Format.CORNELL) {
                continue;
            }
            assertEquals("Unexpected reader option minSongs for the " + format.cliName()
                            + " format: it takes none (only cornell takes reader options: minSongs, countBy)",
                    assertThrows(InvalidInputException.class, () -> format.reader(Map.of("minSongs", "4"))).getMessage());
            assertEquals(Map.of(), format.reader(Map.of()).options());
        }
    }
}
