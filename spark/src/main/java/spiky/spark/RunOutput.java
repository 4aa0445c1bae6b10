package spiky.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import spiky.InvalidInputException;
import spiky.algo.spikes.SpikeLevel;

/**
 * Writes a run directory: {@code run.json} (sizes, singular values, the Spk table with each
 * level's peaks in visiting order and its coverage curve, every setting, counts, timings),
 * {@code items.csv} ({@code item, norm, spike<f'>…, e0…}: the covering peak's item id, empty when
 * uncovered; doubles printed so that they read back exactly) and {@code items.parquet} with the
 * same columns; the PPMI matrix the run embeds, each pair once, as {@code ppmi.csv} (header
 * {@code item,partner,weight,count}; Spark's text output, a directory of {@code part-*} files whose
 * concatenation in name order is the csv, written by the executors: the matrix never reaches the
 * driver) and {@code ppmi.parquet}, which import-run keeps as the run's PPMI set. Everything goes
 * to a sibling directory first, renamed to DIR at the end, so a job
 * that fails leaves no DIR. Through Hadoop's FileSystem: a local path or one of the cluster's.
 */
final class RunOutput {
    static final String FORMAT = "spiky-spark-run/1";

    private RunOutput() {}

    /** Refuses an existing DIR before any work is done. */
    static void checkAbsent(SparkSession spark, String dir) {
        try {
            Path out = new Path(dir);
            if (out.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(out)) {
                throw InvalidInputException.parameter("out", dir + " exists: give a new directory");
            }
        } catch (IOException e) {
            throw InvalidInputException.parameter("out", "cannot check " + dir + ": " + e.getMessage());
        }
    }

    static void write(SparkSession spark, String dir, SparkPipeline.Run run, JobSettings settings, Map<String, Object> spark_) throws IOException {
        Path out = new Path(dir);
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path partial = new Path(out.getParent(), "." + out.getName() + ".partial-" + System.nanoTime());
        try {
            fs.mkdirs(partial);
            long t = System.nanoTime();
            try (OutputStream s = fs.create(new Path(partial, "items.csv"))) {
                itemsCsv(run, s);
            }
            parquet(spark, run, new Path(partial, "items.parquet").toString());
            ppmi(spark, run, new Path(partial, "ppmi.csv").toString(), new Path(partial, "ppmi.parquet").toString());
            Map<String, Long> millis = new LinkedHashMap<>(run.millis());
            millis.put("write", (System.nanoTime() - t) / 1_000_000);
            try (OutputStream s = fs.create(new Path(partial, "run.json"))) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(s, runJson(run, settings, millis, spark_));
            }
            if (fs.exists(out)) {
                throw InvalidInputException.parameter("out", dir + " appeared while the job ran");
            }
            if (!fs.rename(partial, out)) {
                throw new IOException("could not rename " + partial + " to " + out);
            }
        } finally {
            if (fs.exists(partial)) {
                fs.delete(partial, true);
            }
        }
    }

    static Map<String, Object> runJson(SparkPipeline.Run run, JobSettings settings, Map<String, Long> millis, Map<String, Object> spark) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("input", run.input());
        m.put("itemIdType", run.integerIds() ? "integer" : "string");
        m.put("n", run.items().length);
        m.put("nnz", run.nnz());
        m.put("rank", run.singularValues().length);
        m.put("method", settings.pipeline().svd().method().configName());
        m.put("matrixProducts", run.matrixProducts());
        m.put("singularValues", run.singularValues());
        List<Map<String, Object>> spk = new ArrayList<>();
        for (SpikeLevel level : run.levels()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("f", level.f());
            l.put("peaks", level.peaks());
            l.put("n", level.n());
            l.put("covered", level.covered());
            l.put("spk", level.spk());
            List<String> peaks = new ArrayList<>();
            for (int p : level.peakItems()) {
                peaks.add(run.items()[p]);
            }
            l.put("peakItems", peaks);
            l.put("coveredAfter", level.coveredAfter());
            spk.add(l);
        }
        m.put("spk", spk);
        m.put("settings", settings.toMap());
        m.put("counts", run.counts());
        m.put("millis", millis);
        m.put("spark", spark);
        return m;
    }

    static void itemsCsv(SparkPipeline.Run run, OutputStream s) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(s, StandardCharsets.UTF_8), 1 << 16);
        int f = run.embeddings().cols();
        StringBuilder header = new StringBuilder("item,norm");
        for (SpikeLevel level : run.levels()) {
            header.append(",spike").append(level.f());
        }
        for (int j = 0; j < f; j++) {
            header.append(",e").append(j);
        }
        w.write(header.append('\n').toString());
        double[] e = run.embeddings().data();
        for (int a = 0; a < run.items().length; a++) {
            w.write(csvField(run.items()[a]));
            w.write(',');
            w.write(Double.toString(run.norms()[a]));
            for (SpikeLevel level : run.levels()) {
                w.write(',');
                int peak = level.spikeOf()[a];
                if (peak >= 0) {
                    w.write(csvField(run.items()[peak]));
                }
            }
            for (int j = 0; j < f; j++) {
                w.write(',');
                w.write(Double.toString(e[a * f + j]));
            }
            w.write('\n');
        }
        w.flush();
    }

    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static final String PPMI_HEADER = "item,partner,weight,count";

    /** The PPMI pairs as csv (header first: part-00000 holds only it) and as Parquet. */
    private static void ppmi(SparkSession spark, SparkPipeline.Run run, String csv, String parquet) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<String> lines = run.ppmiPairs().toJavaRDD().map(r -> csvField(r.getString(0)) + ',' + csvField(r.getString(1)) + ','
                + Double.toString(r.getDouble(2)) + ',' + r.getLong(3));
        jsc.parallelize(List.of(PPMI_HEADER), 1).union(lines).saveAsTextFile(csv);
        run.ppmiPairs().write().parquet(parquet);
    }

    private static void parquet(SparkSession spark, SparkPipeline.Run run, String path) {
        int f = run.embeddings().cols();
        StructType schema = new StructType().add("item", DataTypes.StringType, false).add("norm", DataTypes.DoubleType, false);
        for (SpikeLevel level : run.levels()) {
            schema = schema.add("spike" + level.f(), DataTypes.StringType, true);
        }
        for (int j = 0; j < f; j++) {
            schema = schema.add("e" + j, DataTypes.DoubleType, false);
        }
        List<Row> rows = new ArrayList<>(run.items().length);
        double[] e = run.embeddings().data();
        int levels = run.levels().size();
        for (int a = 0; a < run.items().length; a++) {
            Object[] values = new Object[2 + levels + f];
            values[0] = run.items()[a];
            values[1] = run.norms()[a];
            for (int l = 0; l < levels; l++) {
                int peak = run.levels().get(l).spikeOf()[a];
                values[2 + l] = peak >= 0 ? run.items()[peak] : null;
            }
            for (int j = 0; j < f; j++) {
                values[2 + levels + j] = e[a * f + j];
            }
            rows.add(RowFactory.create(values));
        }
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path);
    }
}
