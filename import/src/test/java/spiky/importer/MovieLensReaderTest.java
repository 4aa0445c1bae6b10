package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spiky.data.Interactions;

class MovieLensReaderTest {
    private static final MovieLensReader READER = new MovieLensReader();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsUDataWithTitlesFromUItemInLatin1(boolean gzip) throws IOException {
        Path data = TestFiles.write(dir.resolve("u.data"), "196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t302\t4.5\t881250000\n", gzip);
        byte[] items = "242|Kolya (1996)|24-Jan-1997||http://x|0|0\n302|L.A. Confidential (1997)|01-Jan-1997||\n999|Caf\u00e9 (1995)|x\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path uItem = dir.resolve(gzip ? "u.item.gz" : "u.item");
        Files.write(uItem, gzip ? TestFiles.gzip(items) : items);
        Interactions in = TestFiles.read(READER, data);
        assertEquals(List.of("242 196 881250949 3.0", "302 186 891717742 3.0", "302 196 881250000 4.5"), TestFiles.rows(in));
        assertEquals(2, in.itemCount());
        assertEquals(2, in.contextCount());
        assertEquals(Map.of("242", "Kolya (1996)", "302", "L.A. Confidential (1997)"), TestFiles.names(in));
    }

    @Test
    void decodesUItemAsLatin1() throws IOException {
        Path data = TestFiles.write(dir.resolve("u.data"), "1\t999\t5\t1\n");
        Files.write(dir.resolve("u.item"), "999|Caf\u00e9 (1995)|x\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Map.of("999", "Café (1995)"), TestFiles.names(TestFiles.read(READER, data)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsRatingsCsvWithQuotedTitlesFromMoviesCsv(boolean gzip) throws IOException {
        Path ratings = TestFiles.write(dir.resolve("ratings.csv"),
                "userId,movieId,rating,timestamp\r\n1,318,5.0,964982703\r\n1,7789,0.5,964981247\r\n2,318,4.0,964982224\r\n", gzip);
        TestFiles.write(dir.resolve("movies.csv"), """
                movieId,title,genres
                318,"Shawshank Redemption, The (1994)",Crime|Drama
                7789,"11'09""01 - September 11 (2002)",Drama
                1,Toy Story (1995),Animation
                """, gzip);
        Interactions in = TestFiles.read(READER, ratings);
        assertEquals(List.of("318 1 964982703 5.0", "318 2 964982224 4.0", "7789 1 964981247 0.5"), TestFiles.rows(in));
        assertEquals(Map.of("318", "Shawshank Redemption, The (1994)", "7789", "11'09\"01 - September 11 (2002)"),
                TestFiles.names(in));
    }

    @Test
    void readsWithoutATitlesFile() throws IOException {
        Interactions in = TestFiles.read(READER, TestFiles.write(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,2,3,4\n"));
        assertEquals(List.of("2 1 4 3.0"), TestFiles.rows(in));
        assertEquals(Map.of(), TestFiles.names(in));
    }

    @Test
    void takesTitlesFromTheFileOfItsOwnLayout() throws IOException {
        Path data = TestFiles.write(dir.resolve("u.data"), "1\t2\t3\t4\n");
        TestFiles.write(dir.resolve("movies.csv"), "movieId,title,genres\n2,Wrong release,Drama\n");
        assertEquals(Map.of(), TestFiles.names(TestFiles.read(READER, data)));
    }

    @Test
    void duplicateRatingKeepsTheEarliest() throws IOException {
        Path data = TestFiles.write(dir.resolve("u.data"), "1\t2\t3\t500\n1\t2\t5\t400\n");
        Interactions in = TestFiles.read(READER, data);
        assertEquals(List.of("2 1 400 5.0"), TestFiles.rows(in));
        assertEquals(1, in.duplicates());
    }

    @Test
    void malformedRowsAreErrorsAtTheirLine() throws IOException {
        Path data = TestFiles.write(dir.resolve("u.data"), "1\t2\t3\t4\n1\t2\t3\n");
        assertEquals(data + ":2: expected 4 tab-separated fields (user, movie, rating, timestamp), found 3",
                TestFiles.error(READER, data));
        TestFiles.write(data, "1\t2\tfive\t4\n");
        assertEquals(data + ":1: 'five' in column 'rating' is not a number", TestFiles.error(READER, data));
        TestFiles.write(data, "1\t2\t5\t4\n1\t3\t5\t2020-01-01\n");
        assertEquals(data + ":2: '2020-01-01' in column 'timestamp' is not an integer", TestFiles.error(READER, data));
        TestFiles.write(data, "1\t\t5\t4\n");
        assertEquals(data + ":1: empty value in column 'movie'", TestFiles.error(READER, data));
    }

    @Test
    void ratingsCsvHeaderMustBeExact() throws IOException {
        Path ratings = TestFiles.write(dir.resolve("ratings.csv"), "userId,itemId,rating,timestamp\n1,2,3,4\n");
        assertEquals(ratings + ":1: expected the header 'userId,movieId,rating,timestamp', found 'userId,itemId,rating,timestamp'",
                TestFiles.error(READER, ratings));
    }

    @Test
    void idsAreWholeNumbersThatFitInALong() throws IOException {
        // Taken as text, one such id would turn every id of the dataset into a string.
        Path data = TestFiles.write(dir.resolve("u.data"), "1\t2\t3\t4\n-1\t2\t3\t4\n");
        assertEquals(data + ":2: '-1' in column 'user' is not an id (a whole number from 0 to 9223372036854775807)",
                TestFiles.error(READER, data));
        TestFiles.write(data, "1\t99999999999999999999\t3\t4\n");
        assertEquals(data + ":1: '99999999999999999999' in column 'movie' is not an id (a whole number from 0 to 9223372036854775807)",
                TestFiles.error(READER, data));
        TestFiles.write(data, "1\t2\t3\t-9223372036854775808\n");
        assertEquals(data + ":1: '-9223372036854775808' in column 'timestamp' is out of range", TestFiles.error(READER, data));
    }

    @Test
    void ratingsCsvWithTabsOrARepeatedHeader() throws IOException {
        Path ratings = TestFiles.write(dir.resolve("ratings.csv"), "userId\tmovieId\trating\ttimestamp\n1\t2\t3\t4\n");
        assertEquals(ratings + ":1: expected the header 'userId,movieId,rating,timestamp', found 'userId\\tmovieId\\trating\\ttimestamp'",
                TestFiles.error(READER, ratings));
        TestFiles.write(ratings, "userId,movieId,rating,timestamp\n1,2,3,4\nuserId,movieId,rating,timestamp\n");
        assertEquals(ratings + ":3: the header line appears again (were two files joined?)", TestFiles.error(READER, ratings));
    }

    @Test
    void ratingsCsvHeaderOnly() throws IOException {
        Path ratings = TestFiles.write(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        assertEquals(ratings + ":1: no ratings after the header", TestFiles.error(READER, ratings));
    }

    @Test
    void semicolonRatingsAreAnError() throws IOException {
        Path ratings = TestFiles.write(dir.resolve("ratings.csv"), "1;2;3;4\n");
        assertEquals(ratings + ":1: expected 4 tab-separated fields (user, movie, rating, timestamp), found 1",
                TestFiles.error(READER, ratings));
    }

    @Test
    void malformedTitleFilesAreErrorsInThoseFiles() throws IOException {
        Path data = TestFiles.write(dir.resolve("u.data"), "1\t2\t3\t4\n");
        Path uItem = TestFiles.write(dir.resolve("u.item"), "2|Ok|x\nno pipes here\n");
        assertEquals(uItem + ":2: expected 'movie id|title|...', found 'no pipes here'", TestFiles.error(READER, data));

        Path ratings = TestFiles.write(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,2,3,4\n");
        Path movies = TestFiles.write(dir.resolve("movies.csv"), "movieId,title,genres\n2,Shawshank Redemption, The (1994),Drama\n");
        assertEquals(movies + ":2: expected 3 comma-separated fields (movieId, title, genres), found 4", TestFiles.error(READER, ratings));
        TestFiles.write(movies, "id,title\n");
        assertTrue(TestFiles.error(READER, ratings).startsWith(movies + ":1: expected the header 'movieId,title,genres'"));
    }
}
