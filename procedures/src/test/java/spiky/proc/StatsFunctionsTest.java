package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.QueryExecutionException;
import spiky.TestDatabase;

/** spiky.stats.* called from Cypher on a real embedded database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsFunctionsTest {
    @TempDir
    static Path dir;

    private TestDatabase db;

    @BeforeAll
    void start() {
        db = new TestDatabase(dir);
    }

    @AfterAll
    void stop() {
        db.close();
    }

    private Object value(String cypher) {
        return db.run(cypher).get(0).values().iterator().next();
    }

    @Test
    void functionsAnswerFromCypher() {
        assertEquals(1.0, value("RETURN spiky.stats.ari([1, 1, 2, 2, null], ['a', 'a', 'b', 'b', 'u'])"));
        assertEquals(4.0 / 7.0, (Double) value("RETURN spiky.stats.ari([0, 0, 1, 1], [0, 0, 1, 2])"), 1e-12);
        assertEquals(1.0, (Double) value("RETURN spiky.stats.nmi(['x', 'x', 'y'], [7, 7, 8])"), 1e-12);
        assertEquals(1.0, (Double) value("RETURN spiky.stats.spearman([1, 2, 3, null], [10, 200, 3000, 1])"), 1e-12);
        assertEquals(-1.0, (Double) value("RETURN spiky.stats.pearson([1, 2, 3], [6, 4, 2])"), 1e-12);
        assertNull(value("RETURN spiky.stats.pearson([1, 1], [2, 3])"));
        assertNull(value("RETURN spiky.stats.ari([], [])"));
        // Over collected graph data, as the report queries use them.
        assertEquals(1.0, value("UNWIND range(1, 40) AS i WITH collect(i % 4) AS a, collect(toString(i % 4)) AS b "
                + "RETURN spiky.stats.ari(a, b)"));
    }

    @Test
    void mismatchedListsNameTheParameter() {
        QueryExecutionException e = assertThrows(QueryExecutionException.class, () -> db.run("RETURN spiky.stats.ari([1, 2], [1])"));
        assertTrue(e.getMessage().contains("`b`"), e.getMessage());
        assertTrue(e.getMessage().contains("same items"), e.getMessage());
        QueryExecutionException p = assertThrows(QueryExecutionException.class, () -> db.run("RETURN spiky.stats.spearman([1], [1, 2])"));
        assertTrue(p.getMessage().contains("same items"), p.getMessage());
    }
}
