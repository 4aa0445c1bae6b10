package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
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

class CsvReaderTest {
    private static final CsvReader READER = new CsvReader();

    @TempDir
    Path dir;

    private Interactions read(String text) throws IOException {
        return TestFiles.read(READER, TestFiles.write(dir.resolve("in.csv"), text));
    }

    private String error(String text) throws IOException {
        return TestFiles.error(READER, TestFiles.write(dir.resolve("in.csv"), text));
    }

    private String at(int line) {
        return dir.resolve("in.csv") + ":" + line + ": ";
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsAllColumnsInAnyOrder(boolean gzip) throws IOException {
        Path file = TestFiles.write(dir.resolve("in.csv"), "context,weight,item,name,timestamp\n"
                + "u1,2.5,a,\"Alpha, the \"\"first\"\"\",100\n"
                + "u1,1,b,Beta,2010-01-01T00:00:00Z\n"
                + "u2,-3e2,a,,2010-01-01\n", gzip);
        Interactions in = TestFiles.read(READER, file);
        assertEquals(List.of("a u1 100 2.5", "a u2 1262304000 -300.0", "b u1 1262304000 1.0"), TestFiles.rows(in));
        assertEquals(2, in.itemCount());
        assertEquals(2, in.contextCount());
        assertEquals(Map.of("a", "Alpha, the \"first\"", "b", "Beta"), TestFiles.names(in));
    }

    @Test
    void readsTabSeparatedWithOnlyRequiredColumns() throws IOException {
        Interactions in = read("item\tcontext\nx\tc1\ny\tc1\nx\tc2\n");
        assertEquals(List.of("x c1 - -", "x c2 - -", "y c1 - -"), TestFiles.rows(in));
        assertNull(in.timestamps());
        assertNull(in.weights());
    }

    @Test
    void emptyTimestampOrWeightMeansNone() throws IOException {
        Interactions in = read("item,context,timestamp,weight\na,u,,\nb,u,5,0.5\n");
        assertEquals(List.of("a u - -", "b u 5 0.5"), TestFiles.rows(in));
    }

    @Test
    void readsIsoDateTimesWithOffsetOrSpace() throws IOException {
        Interactions in = read("item,context,timestamp\na,u,2010-01-01T02:00:00+02:00\nb,u,2010-01-01 00:00:01\n");
        assertEquals(List.of("a u 1262304000 -", "b u 1262304001 -"), TestFiles.rows(in));
    }

    @Test
    void duplicatesCollapseKeepingTheEarliestTimestamp() throws IOException {
        Interactions in = read("item,context,timestamp,weight\na,u,300,1\na,u,100,2\na,u,200,3\nb,u,50,4\n");
        assertEquals(List.of("a u 100 2.0", "b u 50 4.0"), TestFiles.rows(in));
        assertEquals(4, in.rowsRead());
        assertEquals(2, in.duplicates());
    }

    @Test
    void acceptsCrlfMixedLineEndingsAndBlankLines() throws IOException {
        Interactions in = read("item,context\r\na,u\r\n\r\nb,u\nc,v\r\n");
        assertEquals(List.of("a u - -", "b u - -", "c v - -"), TestFiles.rows(in));
    }

    @Test
    void stripsBlanksAroundValues() throws IOException {
        Interactions in = read("item, context ,name\n a , u ,\" spaced \"\n");
        assertEquals(List.of("a u - -"), TestFiles.rows(in));
        assertEquals(Map.of("a", "spaced"), TestFiles.names(in));
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.write(dir.resolve("in.csv"), new byte[0]);
        assertEquals(file + ": empty file", TestFiles.error(READER, file));
    }

    @Test
    void headerOnly() throws IOException {
        assertEquals(at(1) + "no interactions after the header", error("item,context\n"));
    }

    @Test
    void missingColumn() throws IOException {
        assertTrue(error("item,timestamp\na,1\n").startsWith(at(1) + "missing column 'context' in header 'item,timestamp'"));
    }

    @Test
    void duplicatedHeaderColumn() throws IOException {
        assertEquals(at(1) + "column 'item' appears twice in the header", error("item,context,Item\na,b,c\n"));
    }

    @Test
    void aRepeatedHeaderLineIsRefusedNotReadAsARow() throws IOException {
        // Two files joined with cat: read as data, "item,context" would become one more interaction.
        assertEquals(at(3) + "the header line appears again (were two files joined?)", error("item,context\na,u\n Item ,CONTEXT\nb,u\n"));
    }

    @Test
    void unknownColumnIsNamed() throws IOException {
        assertTrue(error("item,context,rating\na,b,1\n").startsWith(at(1) + "unknown column 'rating' in header"));
    }

    @Test
    void semicolonDelimiterGivesMissingColumns() throws IOException {
        String message = error("item;context\na;b\n");
        assertTrue(message.startsWith(at(1) + "missing columns 'item', 'context' in header 'item;context'"), message);
        assertTrue(message.contains("separated by commas or tabs"), message);
    }

    @Test
    void wrongNumberOfFields() throws IOException {
        assertEquals(at(3) + "expected 3 comma-separated fields, found 2", error("item,context,weight\na,u,1\nb,u\n"));
        assertEquals(at(2) + "expected 2 tab-separated fields, found 3", error("item\tcontext\na\tu\tx\n"));
    }

    @Test
    void emptyItemOrContext() throws IOException {
        assertEquals(at(2) + "empty value in column 'item'", error("item,context\n ,u\n"));
        assertEquals(at(3) + "empty value in column 'context'", error("item,context\na,u\nb,\"\"\n"));
    }

    @Test
    void malformedTimestamp() throws IOException {
        assertEquals(at(2) + "'yesterday' in column 'timestamp' is neither epoch seconds nor an ISO-8601 date-time",
                error("item,context,timestamp\na,u,yesterday\n"));
        assertTrue(error("item,context,timestamp\na,u,1\nb,u,12.5\n").startsWith(at(3) + "'12.5' in column 'timestamp'"));
    }

    @Test
    void malformedWeight() throws IOException {
        for (String weight : List.of("1.5kg", "NaN", "Infinity", "1e999", "0x10", "2d")) {
            assertEquals(at(2) + "'" + weight + "' in column 'weight' is not a number",
                    error("item,context,weight\na,u," + weight + "\n"), weight);
        }
    }

    @Test
    void badQuoting() throws IOException {
        assertEquals(at(2) + "field 2 has no closing quote", error("item,context\na,\"u\n"));
        assertEquals(at(2) + "field 1 has text after its closing quote", error("item,context\n\"a\"x,u\n"));
    }

    @Test
    void nonUtf8Bytes() throws IOException {
        byte[] head = "item,context\na,u\nb,".getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(head, head.length + 3);
        content[head.length] = (byte) 0xFF;
        content[head.length + 1] = 'v';
        content[head.length + 2] = '\n';
        Path file = Files.write(dir.resolve("in.csv"), content);
        assertEquals(at(3) + "not valid UTF-8 text", TestFiles.error(READER, file));
    }

    @Test
    void tenMegabyteLine() throws IOException {
        Path file = dir.resolve("in.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("item,context\na,u\nb,".getBytes(StandardCharsets.US_ASCII));
            out.write("v".repeat(10 << 20).getBytes(StandardCharsets.US_ASCII));
            out.write("\nc,u\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(at(3) + "line is longer than 1048576 characters", TestFiles.error(READER, file));
    }

    @Test
    void truncatedGzip() throws IOException {
        StringBuilder text = new StringBuilder("item,context\n");
        for (int i = 0; i < 100_000; i++) {
            text.append("item").append(i * 31 % 977).append(",user").append(i % 613).append('\n');
        }
        byte[] gzip = TestFiles.gzip(text.toString().getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(gzip, gzip.length - 100);
        Path file = Files.write(dir.resolve("in.csv.gz"), truncated);
        long line = TestFiles.lineReached(truncated);
        assertTrue(line > 1_000, "cut inside the data, not at its start: " + line);
        assertEquals(file + ":" + line + ": truncated or corrupt gzip data", TestFiles.error(READER, file));
    }
}
