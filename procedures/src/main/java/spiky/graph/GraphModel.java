package spiky.graph;

import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.RelationshipType;

/** The labels, relationship types and property names of cypher/schema.cypher, for Java code. */
public final class GraphModel {
    private GraphModel() {}

    public static final Label DATASET = Label.label("Dataset");
    public static final Label ITEM = Label.label("Item");
    public static final Label CONTEXT = Label.label("Context");
    public static final RelationshipType IN = RelationshipType.withName("IN");
    public static final Label RUN = Label.label("EmbeddingRun");
    public static final Label EMBEDDING = Label.label("Embedding");
    public static final RelationshipType HAS_EMBEDDING = RelationshipType.withName("HAS_EMBEDDING");
    public static final RelationshipType PPMI = RelationshipType.withName("PPMI");

    public static final String STATUS_IMPORTING = "importing";
    public static final String STATUS_READY = "ready";
    public static final String RUN_RUNNING = "running";
    public static final String RUN_FINISHED = "finished";
    public static final String RUN_FAILED = "failed";
}
