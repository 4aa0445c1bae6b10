package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spiky.TestDatabase;

/**
 * The criterion for the recommended truncation: on generated DCBMs with K planted
 * communities (mix 0.1, the generator's other defaults: 2,000 items, 5,000 contexts, exponent 1.5),
 * the whole pipeline at its defaults (rank 128), then spiky.spikes.sweep: recommendedF in [0.75 K, 1.5 K].
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepOnGeneratedDataTest {
    private TestDatabase db;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {6, 12, 24})
    @SuppressWarnings("unchecked")
    void theRecommendedTruncationIsNearThePlantedCommunityCount(int k) {
        String name = "k" + k;
        db.run("CALL spiky.dcbm.generate($name, {communities: $k, mix: 0.1, seed: 42})", Map.of("name", name, "k", k));
        Map<String, Object> p = db.run("CALL spiky.pipeline($name, {})", Map.of("name", name)).get(0);
        List<Map<String, Object>> rows = db.run("CALL spiky.spikes.sweep($run, {}) YIELD f, peaks, covered, gap, recommendedF, rule, gapF, noiseF "
                + "RETURN f, peaks, covered, gap, recommendedF, rule, gapF, noiseF", Map.of("run", p.get("runId")));
        Map<String, Object> first = rows.get(0);
        long f = (Long) first.get("recommendedF");
        StringBuilder b = new StringBuilder("K = " + k + ": recommendedF " + f + " (" + first.get("rule") + ", gapF " + first.get("gapF")
                + ", noiseF " + first.get("noiseF") + "); sigma " + ((List<Double>) p.get("singularValues")).subList(0, 2 * k + 2) + "; peaks");
        for (Map<String, Object> r : rows.subList(0, Math.min(rows.size(), 3 * k))) {
            b.append(' ').append(r.get("f")).append(':').append(r.get("peaks"));
        }
        System.out.println(b);
        assertTrue(f >= 0.75 * k && f <= 1.5 * k, b.toString());
    }
}
