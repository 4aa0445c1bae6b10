package spiky.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import spiky.InvalidInputException;

/**
 * The job's entry point, for {@code spark-submit --class spiky.spark.SparkJob spiky-spark-job.jar}
 * and {@code ./spiky spark}: {@code (--input FILE | --neo4j URL --dataset NAME) --out DIR
 * [--master URL] [-c key=value …]}. Under spark-submit the master comes from it; otherwise
 * {@code --master} (default local[2]) starts a local session.
 */
public final class SparkJob {
    private SparkJob() {}

    static final String USAGE = "usage: spiky spark (--input FILE | --neo4j bolt://HOST:PORT --dataset NAME) --out DIR [--master local[2]] "
            + "[-c key=value ...]\n"
            + "  FILE: csv interchange (item,context[,timestamp,weight], header, .gz allowed) or Parquet with those columns\n"
            + "  --neo4j: a running spiky's Bolt URL; with --dataset NAME, --neo4j-user (default neo4j), --neo4j-password-file FILE\n"
            + "           (the server's DATA/neo4j-password; else the env var " + Neo4jInput.PASSWORD_ENV + "), --neo4j-partitions N\n"
            + "           (Spark tasks pulling the rows over Bolt, default 1)\n"
            + "  keys: " + String.join(", ", JobSettings.KEYS);

    /**
     * @param input a file (null with {@code neo4j})
     * @param neo4j a running spiky's dataset (null with {@code input})
     */
    record Arguments(String input, Neo4jInput neo4j, String out, String master, Map<String, Object> config) {
        Arguments(String input, String out, String master, Map<String, Object> config) {
            this(input, null, out, master, config);
        }

        InteractionInput.Source source() {
            return neo4j != null ? neo4j : InteractionInput.file(input);
        }
    }

    public static void main(String[] args) {
        try {
            Arguments a = parse(args);
            if (a == null) {
                System.out.println(USAGE);
                return;
            }
            run(a);
        } catch (InvalidInputException e) {
            System.err.println("spiky spark: " + e.getMessage());
            System.exit(2);
        }
    }

    static Arguments parse(String[] args) {
        String input = null;
        String out = null;
        String master = null;
        String neo4j = null;
        String dataset = null;
        String user = Neo4jInput.USER;
        String passwordFile = null;
        String partitions = null;
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw InvalidInputException.of(arg + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--input" -> input = value;
                case "--out" -> out = value;
                case "--master" -> master = value;
                case "--neo4j" -> neo4j = value;
                case "--dataset" -> dataset = value;
                case "--neo4j-user" -> user = value;
                case "--neo4j-password-file" -> passwordFile = value;
                case "--neo4j-partitions" -> partitions = value;
                case "-c", "--config" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw InvalidInputException.of("-c expects key=value, got '" + value + "'");
                    }
                    config.put(value.substring(0, eq).strip(), JobSettings.value(value.substring(eq + 1)));
                }
                default -> throw InvalidInputException.of("unknown option " + arg + "\n" + USAGE);
            }
        }
        if ((input == null) == (neo4j == null) || out == null) {
            throw InvalidInputException.of("--out and one of --input or --neo4j are required\n" + USAGE);
        }
        if (neo4j == null) {
            if (dataset != null || passwordFile != null || partitions != null || !user.equals(Neo4jInput.USER)) {
                throw InvalidInputException.of("--dataset, --neo4j-user, --neo4j-password-file and --neo4j-partitions go with --neo4j\n" + USAGE);
            }
            return new Arguments(input, out, master, config);
        }
        if (dataset == null) {
            throw InvalidInputException.of("--neo4j needs --dataset NAME\n" + USAGE);
        }
        int readPartitions = 1;
        if (partitions != null) {
            if (!partitions.strip().matches("\\d{1,6}")) {
                throw InvalidInputException.parameter("neo4j-partitions", "'" + partitions + "' is not a whole number");
            }
            readPartitions = Integer.parseInt(partitions.strip());
        }
        return new Arguments(null, Neo4jInput.of(neo4j, dataset, user, passwordFile, readPartitions), out, master, config);
    }

    static void run(Arguments a) {
        boolean submitted = new SparkConf().contains("spark.master");
        // Settings, credentials and the dataset are checked before Spark starts: a typo costs nothing.
        JobSettings.from(a.config(), 8);
        if (a.neo4j() != null) {
            a.neo4j().check();
        }
        SparkSession spark = submitted && a.master() == null
                ? SparkSession.builder().appName("spiky").getOrCreate()
                : SparkSessions.local(a.master() == null ? "local[2]" : a.master(), "spiky", 8);
        try {
            run(spark, a);
        } finally {
            spark.stop();
        }
    }

    static SparkPipeline.Run run(SparkSession spark, Arguments a) {
        JobSettings settings = JobSettings.from(a.config(), Math.max(2, spark.sparkContext().defaultParallelism()));
        RunOutput.checkAbsent(spark, a.out());
        long t = System.nanoTime();
        SparkPipeline.Run run = SparkPipeline.run(spark, a.source(), settings,
                (stage, done, total) -> System.err.println("spiky spark: " + stage));
        Map<String, Object> sparkInfo = new LinkedHashMap<>();
        sparkInfo.put("version", spark.version());
        sparkInfo.put("master", spark.sparkContext().master());
        sparkInfo.put("defaultParallelism", spark.sparkContext().defaultParallelism());
        if (a.neo4j() != null) {
            sparkInfo.put("neo4jPartitions", a.neo4j().partitions());
        }
        sparkInfo.put("millisTotal", (System.nanoTime() - t) / 1_000_000);
        try {
            RunOutput.write(spark, a.out(), run, settings, sparkInfo);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.err.println("spiky spark: wrote " + a.out() + " (" + run.items().length + " items, nnz " + run.nnz() + ", Spk "
                + run.levels().stream().map(l -> l.f() + ":" + l.peaks()).toList() + ", millis " + run.millis() + ")");
        return run;
    }

    /** For the tests. */
    static List<String> keys() {
        return JobSettings.KEYS;
    }
}
