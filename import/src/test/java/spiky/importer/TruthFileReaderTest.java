package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.InvalidInputException;
import spiky.Progress;

class TruthFileReaderTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("items.csv");
    }

    private String error(String text) throws IOException {
        TestFiles.write(file(), text);
        return assertThrows(InvalidInputException.class, () -> TruthFileReader.read(file(), Progress.NONE)).getMessage();
    }

    @Test
    void readsCommunitiesThetasAndNames() throws IOException {
        TestFiles.write(file(), "theta\titem\tcommunity\tname\n1.5\ta\t0\tAlpha\n0.25\tb\t3\t\n");
        TruthFileReader.Truth truth = TruthFileReader.read(file(), Progress.NONE);
        assertEquals(2, truth.byItem().size());
        assertArrayEquals(new double[] {0, 1.5}, truth.byItem().get("a"));
        assertArrayEquals(new double[] {3, 0.25}, truth.byItem().get("b"));
        assertEquals(Map.of("a", "Alpha"), truth.names());
    }

    @Test
    void badValuesAreErrorsAtTheirLine() throws IOException {
        String at3 = file() + ":3: ";
        String header = "item,community,theta\na,0,1\n";
        assertEquals(at3 + "'-1' in column 'community' is not a non-negative integer", error(header + "b,-1,1\n"));
        assertEquals(at3 + "'1.5' in column 'community' is not an integer", error(header + "b,1.5,1\n"));
        assertEquals(at3 + "'0' in column 'theta' is not a positive number", error(header + "b,1,0\n"));
        assertEquals(at3 + "'inf' in column 'theta' is not a number", error(header + "b,1,inf\n"));
        assertEquals(at3 + "item 'a' appears a second time", error(header + "a,1,1\n"));
        assertEquals(at3 + "the header line appears again (were two files joined?)", error(header + header));
    }

    @Test
    void headerErrors() throws IOException {
        assertTrue(error("item,community\na,1\n").startsWith(file() + ":1: missing column 'theta'"));
        assertEquals(file() + ":1: no items after the header", error("item,community,theta\n"));
    }
}
