package spiky.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spiky.graph.CypherFiles;

/**
 * The Browser guide's HTML (resources/guide/spiky-guide.html) with its placeholders filled:
 * {@code {{cypher FILE}}} becomes a runnable block holding the text of cypher/FILE (so the guide
 * runs the very queries the API runs), {@code {{name}}} the value given for name. Every text put
 * in is HTML-escaped; the values are also safe inside the template's Cypher string literals.
 */
final class GuideTemplate {
    static final String RESOURCE = "guide/spiky-guide.html";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(cypher ([a-z0-9-]+\\.cypher)|[a-z]+)}}");

    private final String template;
    private final CypherFiles cypher;

    private GuideTemplate(String template, CypherFiles cypher) {
        this.template = template;
        this.cypher = cypher;
    }

    /** The template, whose runnable blocks come from {@code cypher} (the database's CypherFiles). */
    static GuideTemplate load(CypherFiles cypher) {
        try (InputStream in = GuideTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new GuideTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8), cypher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(2) != null) {
                replacement = "<pre class=\"code runnable\" data-cypher=\"" + m.group(2) + "\">"
                        + html(cypher.load(m.group(2)).strip()) + "</pre>";
            } else {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException(RESOURCE + ": no value for {{" + m.group(1) + "}}");
                }
                replacement = html(cypherStringSafe(value));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        int left = out.indexOf("{{");
        if (left >= 0) {
            throw new IllegalStateException(RESOURCE + ": unknown placeholder at " + out.substring(left, Math.min(out.length(), left + 40)));
        }
        return out.toString();
    }

    /** Values land inside '...' Cypher literals of :params blocks: a quote or backslash there would end them. */
    private static String cypherStringSafe(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
