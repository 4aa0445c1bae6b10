package spiky.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for all the tests of the JVM (starting Spark costs seconds). */
final class LocalSpark {
    private LocalSpark() {}

    private static SparkSession session;

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.local("local[2]", "spiky-spark-tests", 4);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
        }
        return session;
    }
}
