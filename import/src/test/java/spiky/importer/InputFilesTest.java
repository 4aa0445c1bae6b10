package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spiky.InvalidInputException;
import spiky.Progress;

class InputFilesTest {
    @TempDir
    Path dir;

    private static List<String> lines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineSource source = InputFiles.lines(file, Progress.NONE)) {
            String line;
            while ((line = source.next()) != null) {
                lines.add(source.lineNumber() + ":" + line);
            }
        }
        return lines;
    }

    private static String error(Path file) {
        return assertThrows(InvalidInputException.class, () -> lines(file)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsNumberedLinesPlainOrGzip(boolean gzip) throws IOException {
        Path file = TestFiles.write(dir.resolve("a.txt"), "first\nsecond\n\nfourth\n", gzip);
        assertEquals(List.of("1:first", "2:second", "3:", "4:fourth"), lines(file));
    }

    @Test
    void acceptsCrlfLfAndLoneCrMixed() throws IOException {
        Path file = TestFiles.write(dir.resolve("a.txt"), "a\r\nb\nc\rd\r\n\r\ne");
        assertEquals(List.of("1:a", "2:b", "3:c", "4:d", "5:", "6:e"), lines(file));
    }

    @Test
    void dropsByteOrderMark() throws IOException {
        Path file = TestFiles.write(dir.resolve("a.txt"), "\uFEFFitem\n");
        assertEquals(List.of("1:item"), lines(file));
    }

    @Test
    void detectsGzipByContentNotByName() throws IOException {
        Path gzipNamedTxt = TestFiles.writeGzip(dir.resolve("data.txt"), "zipped\n");
        Path plainNamedGz = TestFiles.write(dir.resolve("plain.gz"), "plain\n");
        assertEquals(List.of("1:zipped"), lines(gzipNamedTxt));
        assertEquals(List.of("1:plain"), lines(plainNamedGz));
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path plain = Files.write(dir.resolve("empty.txt"), new byte[0]);
        Path gzip = TestFiles.writeGzip(dir.resolve("empty.txt.gz"), "");
        assertEquals(plain + ": empty file", error(plain));
        assertEquals(gzip + ": empty file", error(gzip));
    }

    @Test
    void byteOrderMarkAloneIsAnEmptyFile() throws IOException {
        Path file = TestFiles.write(dir.resolve("bom.csv"), "\uFEFF");
        assertEquals(file + ": empty file",
                assertThrows(InvalidInputException.class, () -> TestFiles.read(new CsvReader(), file)).getMessage());
    }

    @Test
    void missingFileIsAnError() {
        Path file = dir.resolve("nothere.txt");
        assertEquals(file + ": no such file", error(file));
    }

    @Test
    void folderIsAnError() {
        assertEquals(dir + ": is a folder, not a file", error(dir));
    }

    /** The bad bytes lie far beyond the first decoding buffer: the line must still be exact. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void invalidUtf8IsAnErrorAtItsLine(boolean gzip) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'o', 'k', ' ', (byte) 0xC3, '(', '\n', 'm', 'o', 'r', 'e', '\n'};
        byte[] content = Arrays.copyOf(head, head.length + bad.length);
        System.arraycopy(bad, 0, content, head.length, bad.length);
        Path file = Files.write(dir.resolve("bad.txt"), gzip ? TestFiles.gzip(content) : content);
        assertEquals(file + ":100001: not valid UTF-8 text", error(file));
    }

    @Test
    void truncatedMultiByteCharacterAtTheEndIsAnError() throws IOException {
        Path file = Files.write(dir.resolve("cut.txt"), new byte[] {'a', '\n', 'b', (byte) 0xE2, (byte) 0x82});
        assertEquals(file + ":2: not valid UTF-8 text", error(file));
    }

    @Test
    void decodesAGivenCharset() throws IOException {
        Path file = Files.write(dir.resolve("u.item"), new byte[] {'C', 'a', 'f', (byte) 0xE9, '\n'});
        try (LineSource lines = InputFiles.lines(file, StandardCharsets.ISO_8859_1, Progress.NONE)) {
            assertEquals("Café", lines.next());
        }
    }

    @Test
    void refusesATenMegabyteLineAtItsLine() throws IOException {
        Path file = dir.resolve("long.txt");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("one\ntwo\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
            out.write("\nfour\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(file + ":3: line is longer than 1048576 characters", error(file));
    }

    @Test
    void acceptsALineOfExactlyTheLimit() throws IOException {
        String longest = "y".repeat(InputFiles.MAX_LINE_LENGTH);
        Path file = TestFiles.write(dir.resolve("limit.txt"), "a\r\n" + longest + "\r\nb");
        try (LineSource lines = InputFiles.lines(file, Progress.NONE)) {
            assertEquals("a", lines.next());
            assertEquals(longest, lines.next());
            assertEquals("b", lines.next());
            assertNull(lines.next());
        }
    }

    @Test
    void truncatedGzipIsAnErrorAtTheLineReached() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 200_000; i++) {
            text.append("row ").append(i * 7919L % 100_003).append('\n');
        }
        byte[] gzip = TestFiles.gzip(text.toString().getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);
        Path file = Files.write(dir.resolve("cut.txt.gz"), truncated);
        long line = TestFiles.lineReached(truncated);
        assertTrue(line > 1_000 && line < 200_000, "cut inside the data: " + line);
        assertEquals(file + ":" + line + ": truncated or corrupt gzip data", error(file));
    }

    @Test
    void gzipCutInItsTrailerIsAnErrorAfterTheLastLine() throws IOException {
        byte[] gzip = TestFiles.gzip("a\nb\n".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gzip, gzip.length - 3));
        assertEquals(file + ":3: truncated or corrupt gzip data", error(file));
    }

    @Test
    void gzipCutInItsHeaderIsAnError() throws IOException {
        byte[] gzip = TestFiles.gzip("a\n".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gzip, 5));
        assertEquals(file + ": truncated or corrupt gzip data", error(file));
    }

    @Test
    void corruptGzipIsAnError() throws IOException {
        byte[] gzip = TestFiles.gzip("some text that compresses\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        for (int i = gzip.length / 3; i < gzip.length / 3 + 16; i++) {
            gzip[i] ^= (byte) 0x5A;
        }
        Path file = Files.write(dir.resolve("corrupt.gz"), gzip);
        assertTrue(error(file).matches(Pattern.quote(file.toString()) + ":\\d+: truncated or corrupt gzip data"), error(file));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void reportsProgressInBytesOfTheFile(boolean gzip) throws IOException {
        StringBuilder text = new StringBuilder();
        Random random = new Random(7);
        for (int i = 0; i < 400_000; i++) {
            text.append(Long.toHexString(random.nextLong())).append('\n');
        }
        Path file = TestFiles.write(dir.resolve("big.txt"), text.toString(), gzip);
        List<long[]> reports = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        Progress progress = (stage, done, total) -> {
            stages.add(stage);
            reports.add(new long[] {done, total});
        };
        try (LineSource lines = InputFiles.lines(file, progress)) {
            while (lines.next() != null) {
                // read to the end
            }
        }
        long size = Files.size(file);
        assertTrue(reports.size() >= 3, "reports every mebibyte of " + size + ": " + reports.size());
        String stage = "reading " + file.getFileName();
        assertTrue(stages.stream().allMatch(stage::equals), stages.toString());
        assertEquals(size, reports.get(reports.size() - 1)[0]);
        assertTrue(reports.stream().allMatch(r -> r[1] == size));
    }

    @Test
    void findsSiblingsPlainThenGzip() throws IOException {
        Path data = TestFiles.write(dir.resolve("u.data"), "x");
        assertNull(InputFiles.sibling(data, "u.item"));
        Path gz = TestFiles.write(dir.resolve("u.item.gz"), "x");
        assertEquals(gz, InputFiles.sibling(data, "u.item"));
        Path plain = TestFiles.write(dir.resolve("u.item"), "x");
        assertEquals(plain, InputFiles.sibling(data, "u.item"));
    }
}
