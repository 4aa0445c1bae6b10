package spiky.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import spiky.graph.CypherFiles;

/** The guide's placeholders: Cypher files HTML-escaped into runnable blocks, values escaped for HTML and Cypher strings. */
class GuideTemplateTest {
    private static final Map<String, String> VALUES = Map.of("dataset", "dcbm", "run", "dcbm-1", "f", "16", "item", "7");

    @Test
    void cypherFilesBecomeEscapedRunnableBlocks() {
        String html = GuideTemplate.load(new CypherFiles()).fill(VALUES);
        String sweep = new CypherFiles().load("sweep.cypher").strip();
        assertTrue(sweep.contains(">") || sweep.contains("<") || sweep.contains("'"), "a file with characters to escape");
        assertTrue(html.contains("<pre class=\"code runnable\" data-cypher=\"sweep.cypher\">" + GuideTemplate.html(sweep) + "</pre>"));
        assertFalse(html.contains("{{"), "every placeholder filled");
        assertTrue(html.contains(":params {run: 'dcbm-1', f: 16,"));
    }

    @Test
    void valuesCannotLeaveTheirCypherStringOrInjectHtml() {
        Map<String, String> odd = Map.of("dataset", "it's<b>", "run", "r\\1", "f", "16", "item", "7");
        String html = GuideTemplate.load(new CypherFiles()).fill(odd);
        assertTrue(html.contains(":params {dataset: 'it\\'s&lt;b&gt;'}"), "quote escaped for Cypher, markup for HTML");
        assertTrue(html.contains("run: 'r\\\\1'"));
        assertFalse(html.contains("it's<b>"));
    }

    @Test
    void theHtmlEscapeCoversMarkupAndQuotes() {
        assertEquals("a &lt;= b &amp;&amp; c -&gt; &quot;d&quot;", GuideTemplate.html("a <= b && c -> \"d\""));
    }
}
