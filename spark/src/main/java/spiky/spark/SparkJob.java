package spiky.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import spiky.InvalidInputException;

/**
 * The job's entry point, for {@code spark-submit --class spiky.spark.SparkJob spiky-spark-job.jar}
 * and {@code ./spiky spark}:
 * {@code --input FILE --out DIR [--master URL] [-c key=value …]}. Under spark-submit the master
 * comes from it; otherwise {@code --master} (default local[2]) starts a local session.
 */
public final class SparkJob {
    private SparkJob() {}

    static final String USAGE = "usage: spiky spark --input FILE --out DIR [--master local[2]] [-c key=value ...]\n"
            + "  FILE: csv interchange (item,context[,timestamp,weight], header, .gz allowed) or Parquet with those columns\n"
            + "  keys: " + String.join(", ", JobSettings.KEYS);

    record Arguments(String input, String out, String master, Map<String, Object> config) {}

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
        if (input == null || out == null) {
            throw InvalidInputException.of("--input and --out are required\n" + USAGE);
        }
        return new Arguments(input, out, master, config);
    }

    static void run(Arguments a) {
        boolean submitted = new SparkConf().contains("spark.master");
        // Settings are checked before Spark starts: a typo costs nothing.
        JobSettings.from(a.config(), 8);
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
        SparkPipeline.Run run = SparkPipeline.run(spark, a.input(), settings,
                (stage, done, total) -> System.err.println("spiky spark: " + stage));
        Map<String, Object> sparkInfo = new LinkedHashMap<>();
        sparkInfo.put("version", spark.version());
        sparkInfo.put("master", spark.sparkContext().master());
        sparkInfo.put("defaultParallelism", spark.sparkContext().defaultParallelism());
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
