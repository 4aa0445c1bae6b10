package spiky.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import spiky.server.db.SpikyDatabase;

/**
 * Every node and relationship of a database as sorted lines of text, each property with its
 * value's type, so that two stores written by different paths can be compared node for node
 * and property for property. Properties that record when or how long (importedAt, writeSeconds)
 * are left out; a test checks them apart.
 */
final class GraphDump {
    static final Set<String> TIMING = Set.of("importedAt", "writeSeconds");

    private GraphDump() {}

    static List<String> nodes(SpikyDatabase db) {
        return db.db().executeTransactionally("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p", Map.of(), r -> {
            List<String> out = new ArrayList<>();
            r.forEachRemaining(row -> out.add(row.get("labels") + " " + typed(row.get("p"))));
            out.sort(null);
            return out;
        });
    }

    static List<String> relationships(SpikyDatabase db) {
        return db.db().executeTransactionally("""
                MATCH (a)-[r]->(b)
                RETURN labels(a) AS la, a.dataset AS da, a.id AS ia, type(r) AS t, properties(r) AS p, labels(b) AS lb, b.dataset AS db, b.id AS ib
                """, Map.of(), r -> {
            List<String> out = new ArrayList<>();
            r.forEachRemaining(row -> out.add(row.get("la") + "(" + row.get("da") + "," + value(row.get("ia")) + ")-[" + row.get("t") + " "
                    + typed(row.get("p")) + "]->" + row.get("lb") + "(" + row.get("db") + "," + value(row.get("ib")) + ")"));
            out.sort(null);
            return out;
        });
    }

    /** Every node by its internal id: its labels and properties as {@link #nodes} writes them. */
    static Map<Long, String> nodesById(SpikyDatabase db) {
        return db.db().executeTransactionally("MATCH (n) RETURN id(n) AS id, labels(n) AS labels, properties(n) AS p", Map.of(), r -> {
            Map<Long, String> out = new TreeMap<>();
            r.forEachRemaining(row -> out.put((Long) row.get("id"), row.get("labels") + " " + typed(row.get("p"))));
            return out;
        });
    }

    /** Every relationship as its end nodes' internal ids, type and properties, sorted. */
    static List<String> relationshipsByNodeIds(SpikyDatabase db) {
        return db.db().executeTransactionally("MATCH (a)-[r]->(b) RETURN id(a) AS a, type(r) AS t, properties(r) AS p, id(b) AS b", Map.of(), r -> {
            List<String> out = new ArrayList<>();
            r.forEachRemaining(row -> out.add(row.get("a") + "-[" + row.get("t") + " " + typed(row.get("p")) + "]->" + row.get("b")));
            out.sort(null);
            return out;
        });
    }

    static List<String> schema(SpikyDatabase db) {
        return db.db().executeTransactionally("SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint, state "
                + "RETURN name, type, labelsOrTypes, properties, owningConstraint, state", Map.of(), r -> {
            List<String> out = new ArrayList<>();
            r.forEachRemaining(row -> out.add(new TreeMap<>(row).toString()));
            out.sort(null);
            return out;
        });
    }

    @SuppressWarnings("unchecked")
    private static String typed(Object properties) {
        TreeMap<String, String> sorted = new TreeMap<>();
        ((Map<String, Object>) properties).forEach((k, v) -> {
            if (!TIMING.contains(k)) {
                sorted.put(k, value(v));
            }
        });
        return sorted.toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        // arrays by their elements (float[] vectors, string lists), not by identity
        String text = v.getClass().isArray() ? java.util.Arrays.deepToString(new Object[] {v}) : v.toString();
        return text + ":" + v.getClass().getSimpleName();
    }
}
