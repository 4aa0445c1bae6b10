package spiky.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class InterchangeLineTest {
    @Test
    void readsColumnsInAnyOrderWithQuotesAndTimestampForms() {
        InterchangeLine f = InterchangeLine.header("Weight,context,item,timestamp");
        assertTrue(f.hasTimestamps() && f.hasWeights());
        assertFalse(f.hasNames());
        InterchangeLine.Row r = f.parse("2.5,\"c, 1\", a ,2010-01-01T00:00:00Z");
        assertEquals("a", r.item());
        assertEquals("c, 1", r.context());
        assertEquals(1262304000L, r.timestamp());
        assertEquals(2.5, r.weight());
        assertNull(r.name());
        assertEquals(1262304000L, f.parse("1,c,a,2010-01-01").timestamp());
        assertEquals(1262304060L, f.parse("1,c,a,2010-01-01 00:01:00").timestamp());
        assertEquals(1262300400L, f.parse("1,c,a,2010-01-01T00:00:00+01:00").timestamp());
        assertEquals(-5L, f.parse("1,c,a,-5").timestamp());
        InterchangeLine.Row none = f.parse(",c,a,");
        assertFalse(none.hasTimestamp());
        assertTrue(Double.isNaN(none.weight()));
    }

    @Test
    void tabsWhenTheHeaderHasOneAndNamesStripped() {
        InterchangeLine f = InterchangeLine.header("item\tcontext\tname");
        InterchangeLine.Row r = f.parse("7\t8\t Song, with comma ");
        assertEquals("Song, with comma", r.name());
        assertFalse(r.hasTimestamp());
    }

    @Test
    void eachBadLineSaysWhatIsWrong() {
        InterchangeLine f = InterchangeLine.header("item,context,timestamp,weight");
        assertEquals("'yesterday' in column 'timestamp' is neither epoch seconds nor an ISO-8601 date-time",
                assertThrows(LineProblem.class, () -> f.parse("a,c,yesterday,1")).getMessage());
        assertEquals("'NaN' in column 'weight' is not a number", assertThrows(LineProblem.class, () -> f.parse("a,c,1,NaN")).getMessage());
        assertEquals("empty value in column 'context'", assertThrows(LineProblem.class, () -> f.parse("a, ,1,1")).getMessage());
        assertEquals("expected 4 comma-separated fields, found 3", assertThrows(LineProblem.class, () -> f.parse("a,c,1")).getMessage());
        assertEquals("field 2 has no closing quote", assertThrows(LineProblem.class, () -> f.parse("a,\"c,1,1")).getMessage());
        assertEquals("field 1 has text after its closing quote", assertThrows(LineProblem.class, () -> f.parse("\"a\"x,c,1,1")).getMessage());
        assertEquals("the header line appears again (were two files joined?)",
                assertThrows(LineProblem.class, () -> f.parse("ITEM,context,timestamp,weight")).getMessage());
    }

    @Test
    void headerProblemsNameTheColumn() {
        assertTrue(assertThrows(LineProblem.class, () -> InterchangeLine.header("item,ctx")).getMessage()
                .startsWith("missing column 'context' in header 'item,ctx' (expected columns item, context"));
        assertTrue(assertThrows(LineProblem.class, () -> InterchangeLine.header("item,context,rating")).getMessage()
                .startsWith("unknown column 'rating' in header"));
        assertEquals("column 'item' appears twice in the header",
                assertThrows(LineProblem.class, () -> InterchangeLine.header("item,context,Item")).getMessage());
    }

    @Test
    void survivesSerializationAsASparkTaskNeedsIt() throws Exception {
        InterchangeLine f = InterchangeLine.header("context,item,weight");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(f);
        }
        InterchangeLine back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (InterchangeLine) in.readObject();
        }
        assertEquals(new InterchangeLine.Row("i", "c", InteractionsBuilder.NO_TIMESTAMP, 3.0, null), back.parse("c,i,3"));
    }
}
