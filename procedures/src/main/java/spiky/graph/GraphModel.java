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

    public static final String STATUS_IMPORTING = "importing";
    public static final String STATUS_READY = "ready";
}
