package spiky.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.InvalidInputException;
import spiky.graph.ImportedRun;

/** The job's ppmi.csv as Spark writes it (part files, header first) read into pairs by the run's rows. */
class SparkRunFilesTest {
    @TempDir
    Path dir;

    private static final String[] ITEMS = {"10", "2", "a,b"};

    private Path parts(String run, String... contents) throws Exception {
        Path ppmi = dir.resolve(run).resolve("ppmi.csv");
        Files.createDirectories(ppmi);
        for (int i = 0; i < contents.length; i++) {
            Files.writeString(ppmi.resolve(String.format("part-%05d", i)), contents[i]);
        }
        Files.writeString(ppmi.resolve("_SUCCESS"), "");
        Files.writeString(ppmi.resolve(".part-00000.crc"), "not csv");
        return ppmi;
    }

    @Test
    void readsThePartsInOrderWithQuotedIds() throws Exception {
        Path ppmi = parts("a", "item,partner,weight,count\n", "10,2,1.5,3\n", "2,\"a,b\",2.0E-3,2\n10,\"a,b\",0.25,7\n");
        ImportedRun.Pairs p = SparkRunFiles.pairs(ppmi, ITEMS);
        assertArrayEquals(new int[] {0, 1, 0}, p.row());
        assertArrayEquals(new int[] {1, 2, 2}, p.partner());
        assertArrayEquals(new double[] {1.5, 0.002, 0.25}, p.weight());
        assertArrayEquals(new int[] {3, 2, 7}, p.count());
    }

    @Test
    void aBadLineIsRefusedWithItsPartFileAndLine() throws Exception {
        Path ppmi = parts("b", "item,partner,weight,count\n10,2,1.5,3\n", "2,10,1.0,2\n2,99,1.0,2\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparkRunFiles.pairs(ppmi, ITEMS));
        assertEquals(ppmi.resolve("part-00001") + ":2: '99' in column 'partner' is not an item of the run's items.csv", e.getMessage());
        Path zero = parts("c", "item,partner,weight,count\n10,2,0.0,3\n");
        e = assertThrows(InvalidInputException.class, () -> SparkRunFiles.pairs(zero, ITEMS));
        assertEquals(zero.resolve("part-00000") + ":2: weight 0.0 is not positive (a PPMI set keeps PMI > 0)", e.getMessage());
        Path header = parts("d", "item,partner,weight\n");
        e = assertThrows(InvalidInputException.class, () -> SparkRunFiles.pairs(header, ITEMS));
        assertEquals(header.resolve("part-00000") + ":1: expected the header item,partner,weight,count", e.getMessage());
    }
}
