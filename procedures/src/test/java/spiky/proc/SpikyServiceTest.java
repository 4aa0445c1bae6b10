package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.TestDatabase;
import spiky.graph.CypherFiles;
import spiky.graph.RunPpmi;

/**
 * The state spiky keeps between calls belongs to one database (SpikyExtension's SpikyService):
 * two embedded databases in one JVM share no cache and no job, procedures get the same instance
 * with @Context as other code from the dependency resolver, and shutting a database down closes it.
 */
class SpikyServiceTest {
    private static void pipeline(TestDatabase db) {
        db.run("CALL spiky.dcbm.generate('g', {communities: 4, items: 300, contexts: 600, seed: 3})");
        db.run("CALL spiky.pipeline('g', {rank: 8, spkDims: [4, 8]})");
    }

    private static List<Object> jobTargets(TestDatabase db) {
        return db.run("CALL spiky.progress() YIELD target RETURN target").stream().map(r -> r.get("target")).toList();
    }

    @Test
    void twoDatabasesInOneJvmShareNoCacheAndNoJobAndShutdownClosesTheirService(@TempDir Path a, @TempDir Path b) {
        TestDatabase first = new TestDatabase(a);
        boolean firstClosed = false;
        try (TestDatabase second = new TestDatabase(b)) {
            SpikyService one = SpikyService.of(first.db());
            SpikyService two = SpikyService.of(second.db());
            assertNotSame(one, two);
            // The parts are in the resolver too, the very instances the service holds.
            assertTrue(RunPpmi.in(first.db()) == one.ppmiSets() && CypherFiles.in(first.db()) == one.cypherFiles());

            pipeline(first);
            assertEquals(1, one.ppmiSets().size(), "the pipeline handed its PPMI set to its own database's cache");
            assertEquals(0, two.ppmiSets().size());
            first.run("MATCH (i:Item {dataset: 'g'}) WITH i LIMIT 1 CALL spiky.similar(i, {k: 3}) YIELD rank RETURN rank");
            assertEquals(1, one.runMatrices().size());
            assertEquals(0, two.runMatrices().size());

            // A job started through the resolver's instance is what spiky.progress() (@Context) lists, on that database only.
            try (Jobs.Job job = one.jobs().start("test", "job-on-first", null)) {
                assertEquals(List.of("job-on-first"), jobTargets(first));
                assertEquals(List.of(), jobTargets(second));
            }
            assertEquals(List.of(), jobTargets(first));

            Jobs.Job running = one.jobs().start("test", "still running", null);
            running.check();
            first.close();
            firstClosed = true;
            assertTrue(one.closed());
            assertEquals(0, one.ppmiSets().size(), "memory dropped with the database");
            assertEquals(0, one.runMatrices().size());
            IllegalStateException stopped = assertThrows(IllegalStateException.class, running::check);
            assertTrue(stopped.getMessage().contains("shutting down"), stopped.getMessage());

            // The other database goes on as it was.
            assertFalse(two.closed());
            pipeline(second);
            assertEquals(1, two.ppmiSets().size());
            assertEquals(Map.of("n", 1L), second.run("MATCH (r:EmbeddingRun {status: 'finished'}) RETURN count(r) AS n").get(0));
        } finally {
            if (!firstClosed) {
                first.close();
            }
        }
    }
}
