package spiky.spark;

import org.apache.spark.sql.SparkSession;

/** The session the job runs in: the cluster's under spark-submit, or a local one for ./spiky spark and the tests. */
final class SparkSessions {
    private SparkSessions() {}

    /**
     * A session started by the job itself (./spiky spark, the tests): no web UI (it would take port 4040), for local masters the driver on the loopback interface,
     * few shuffle partitions (the default 200 is for clusters and makes small jobs slow).
     */
    static SparkSession local(String master, String appName, int shufflePartitions) {
        SparkSession.Builder b = SparkSession.builder().master(master).appName(appName).config("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            // Nothing outside this machine needs to reach a local driver.
            b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b.config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                .config("spark.default.parallelism", Integer.toString(shufflePartitions))
                .config("spark.sql.adaptive.enabled", "true")
                .getOrCreate();
    }
}
