package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate → pipeline → export from the command line, and the files numpy/scipy users read. */
class PipelineCommandTest {
    @TempDir
    Path dir;

    private static String run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args);
            assertEquals(0, status, o.toString(StandardCharsets.UTF_8));
            return o.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void pipelineThenExportWritesMatrixMarketAndRunCsv() throws IOException {
        String data = dir.resolve("data").toString();
        run("generate", "--data", data, "--dataset", "g", "--seed", "5", "-c", "items=400", "-c", "contexts=800");
        String report = run("pipeline", "--data", data, "--dataset", "g", "-c", "rank=16", "-c", "spkDims=8,16");
        assertTrue(report.contains("Run g-1 of 'g'"), report);
        assertTrue(report.contains("Spk@8") && report.contains("Spk@16"), report);
        assertTrue(report.contains("writeEmbeddings=") && report.contains("writePpmi="), "the write-back is timed: " + report);

        Path out = dir.resolve("out");
        run("export", "--data", data, "--dataset", "g", "--out", out.toString());
        List<String> mtx = Files.readAllLines(out.resolve("g-ppmi.mtx"));
        assertEquals("%%MatrixMarket matrix coordinate real symmetric", mtx.get(0));
        String[] size = mtx.get(2).split(" ");
        assertEquals(size[0], size[1]);
        long entries = Long.parseLong(size[2]);
        assertEquals(entries, mtx.size() - 3);
        for (String line : mtx.subList(3, mtx.size())) {
            String[] p = line.split(" ");
            assertTrue(Integer.parseInt(p[0]) > Integer.parseInt(p[1]), "lower triangle: " + line);
            assertTrue(Double.parseDouble(p[2]) > 0, "positive PMI: " + line);
        }
        List<String> ids = Files.readAllLines(out.resolve("g-ppmi.mtx.items.csv"));
        assertEquals("index,item", ids.get(0));
        assertEquals(Integer.parseInt(size[0]), ids.size() - 1);

        List<String> items = Files.readAllLines(out.resolve("g-1-items.csv"));
        String[] header = items.get(0).split(",");
        assertEquals(List.of("item", "norm", "spike8", "spike16", "e0"), List.of(header).subList(0, 5));
        assertEquals("e15", header[header.length - 1]);
        assertEquals(ids.size(), items.size(), "one row per embedded item");
        for (String line : items.subList(1, items.size())) {
            String[] p = line.split(",", -1);
            double norm = Double.parseDouble(p[1]);
            double sum = 0;
            for (int j = 4; j < p.length; j++) {
                sum += Double.parseDouble(p[j]) * Double.parseDouble(p[j]);
            }
            assertEquals(norm, Math.sqrt(sum), 1e-4 * Math.max(1, norm), line);
        }

        // a list setting given one value is a list of one
        String single = run("pipeline", "--data", data, "--dataset", "g", "-c", "rank=16", "-c", "spkDims=16");
        assertTrue(single.contains("Run g-2 of 'g'") && single.contains("Spk@16") && !single.contains("Spk@8"), single);
    }
}
