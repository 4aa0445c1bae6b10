package spiky.graph;

import spiky.data.DatasetName;

/** Dataset names appear in URLs, file names and Cypher parameters: keep them plain (the rule is spiky-algo's {@link DatasetName}). */
public final class DatasetNames {
    private DatasetNames() {}

    public static String check(String name) {
        return DatasetName.check(name);
    }
}
