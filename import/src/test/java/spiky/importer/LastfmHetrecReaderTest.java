package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spiky.data.Interactions;

class LastfmHetrecReaderTest {
    private static final LastfmHetrecReader READER = new LastfmHetrecReader();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsPlayCountsAndArtistNames(boolean gzip) throws IOException {
        Path file = TestFiles.write(dir.resolve("user_artists.dat"),
                "userID\tartistID\tweight\r\n2\t51\t13883\r\n2\t1686\t7\r\n3\t51\t228\r\n", gzip);
        TestFiles.write(dir.resolve("artists.dat"), """
                id\tname\turl\tpictureURL
                51\tBj\u00f6rk\thttp://www.last.fm/music/Bj%C3%B6rk\thttp://x/1.jpg
                1686\t"Weird Al" Yankovic\thttp://www.last.fm/music/%22Weird+Al%22+Yankovic\thttp://x/2.png
                99\tNobody Listened\thttp://x\thttp://y
                """, gzip);
        Interactions in = TestFiles.read(READER, file);
        assertEquals(List.of("1686 2 - 7.0", "51 2 - 13883.0", "51 3 - 228.0"), TestFiles.rows(in));
        assertNull(in.timestamps());
        assertEquals(2, in.itemCount());
        assertEquals(2, in.contextCount());
        assertEquals(Map.of("51", "Björk", "1686", "\"Weird Al\" Yankovic"), TestFiles.names(in));
    }

    @Test
    void headerIsRequired() throws IOException {
        Path file = TestFiles.write(dir.resolve("user_artists.dat"), "2\t51\t13883\n");
        assertEquals(file + ":1: expected the header 'userID\\tartistID\\tweight', found '2\\t51\\t13883'",
                TestFiles.error(READER, file));
    }

    @Test
    void headerOnly() throws IOException {
        Path file = TestFiles.write(dir.resolve("user_artists.dat"), "userID\tartistID\tweight\n");
        assertEquals(file + ":1: no interactions after the header", TestFiles.error(READER, file));
    }

    @Test
    void malformedRows() throws IOException {
        Path file = TestFiles.write(dir.resolve("user_artists.dat"), "userID\tartistID\tweight\n2\t51\t10\n2 52 11\n");
        assertEquals(file + ":3: expected 3 tab-separated fields (userID, artistID, weight), found 1", TestFiles.error(READER, file));
        TestFiles.write(file, "userID\tartistID\tweight\n2\t51\tmany\n");
        assertEquals(file + ":2: 'many' in column 'weight' is not a number", TestFiles.error(READER, file));
        TestFiles.write(file, "userID\tartistID\tweight\n2\t51\t-10\n");
        assertEquals(file + ":2: '-10' in column 'weight' is not a play count (a number of at least 0)", TestFiles.error(READER, file));
        TestFiles.write(file, "userID\tartistID\tweight\n2\tx51\t10\n");
        assertEquals(file + ":2: 'x51' in column 'artistID' is not an id (a whole number from 0 to 9223372036854775807)",
                TestFiles.error(READER, file));
        TestFiles.write(file, "userID\tartistID\tweight\n2\t51\t10\nuserID\tartistID\tweight\n");
        assertEquals(file + ":3: the header line appears again (were two files joined?)", TestFiles.error(READER, file));
    }

    @Test
    void malformedArtistsFile() throws IOException {
        Path file = TestFiles.write(dir.resolve("user_artists.dat"), "userID\tartistID\tweight\n2\t51\t10\n");
        Path artists = TestFiles.write(dir.resolve("artists.dat"), "id\tname\turl\tpictureURL\n51\tBjörk\tu\tp\n52\n");
        assertEquals(artists + ":3: expected tab-separated fields id, name, url, pictureURL, found 1", TestFiles.error(READER, file));
    }
}
