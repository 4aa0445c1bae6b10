package spiky.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import spiky.InvalidInputException;
import spiky.data.InterchangeLine;
import spiky.data.LineProblem;

/**
 * Reads the job's input into one frame of interaction rows {@code (item string, context string,
 * timestamp long?, weight double?, line long)}: the csv interchange (gzip allowed: Hadoop decompresses by the
 * file's suffix) or Parquet with those columns. Every row is checked before anything is computed;
 * the first bad one is refused with the file and its line (csv) or row (Parquet). A csv line is
 * parsed by spiky-algo's {@link InterchangeLine}, the importer's parser, so both accept and refuse
 * the same lines with the same words.
 */
final class InteractionInput {
    private InteractionInput() {}

    static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("item", DataTypes.StringType, false),
            DataTypes.createStructField("context", DataTypes.StringType, false),
            DataTypes.createStructField("timestamp", DataTypes.LongType, true),
            DataTypes.createStructField("weight", DataTypes.DoubleType, true),
            // The line (csv) or row (Parquet) number: the first one of an item gives the import order.
            DataTypes.createStructField("line", DataTypes.LongType, false)});

    /** The rows, and whether the source has the optional columns at all. */
    record Input(String source, Dataset<Row> rows, boolean hasTimestamps, boolean hasWeights) {}

    /** Where the job's interactions come from: a file ({@link #file}) or a running spiky ({@link Neo4jInput}). */
    interface Source {
        /** What run.json records as the input, and what messages name. */
        String describe();

        /** The checked rows in {@link #SCHEMA}; refuses bad input before anything is computed. */
        Input read(SparkSession spark);
    }

    /** The csv interchange or Parquet at {@code path}. */
    static Source file(String path) {
        return new Source() {
            @Override
            public String describe() {
                return path;
            }

            @Override
            public Input read(SparkSession spark) {
                return InteractionInput.read(spark, path);
            }
        };
    }

    static Input read(SparkSession spark, String path) {
        checkExists(spark, path);
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet") || isDirectory(spark, path)) {
            return parquet(spark, path);
        }
        return csv(spark, path);
    }

    static Input csv(SparkSession spark, String path) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Path file = Path.of(path);
        JavaRDD<String> text = jsc.textFile(path).map(InteractionInput::withoutCarriageReturn);
        List<String> first = text.take(1);
        if (first.isEmpty()) {
            throw InvalidInputException.inFile(file, "the file is empty (expected a header line naming item and context)");
        }
        InterchangeLine header;
        try {
            header = InterchangeLine.header(first.get(0));
        } catch (LineProblem e) {
            throw InvalidInputException.atLine(file, 1, e.getMessage());
        }
        // Line numbers: zipWithIndex follows the file's order across partitions.
        JavaPairRDD<String, Long> numbered = text.zipWithIndex().filter(t -> t._2 > 0 && !t._1.isEmpty());
        JavaRDD<Tuple2<Long, String>> problems = numbered.flatMap(t -> {
            try {
                header.parse(t._1);
                return List.<Tuple2<Long, String>>of().iterator();
            } catch (LineProblem e) {
                return List.of(new Tuple2<>(t._2 + 1, e.getMessage())).iterator();
            }
        });
        if (!problems.isEmpty()) {
            Tuple2<Long, String> firstProblem = problems.reduce((a, b) -> a._1 <= b._1 ? a : b);
            throw InvalidInputException.atLine(file, firstProblem._1, firstProblem._2);
        }
        JavaRDD<Row> rows = numbered.map(t -> {
            InterchangeLine.Row p = header.parse(t._1);
            return RowFactory.create(p.item(), p.context(), p.hasTimestamp() ? p.timestamp() : null,
                    Double.isNaN(p.weight()) ? null : p.weight(), t._2 + 1);
        });
        Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA);
        if (rows.isEmpty()) {
            throw InvalidInputException.atLine(file, 1, "no interactions after the header");
        }
        return new Input(path, frame, header.hasTimestamps(), header.hasWeights());
    }

    static Input parquet(SparkSession spark, String path) {
        Path file = Path.of(path);
        Dataset<Row> raw = spark.read().parquet(path);
        List<String> names = new ArrayList<>();
        for (String c : raw.columns()) {
            names.add(c.toLowerCase(Locale.ROOT));
        }
        for (String required : List.of("item", "context")) {
            if (!names.contains(required)) {
                throw InvalidInputException.inFile(file, "no column '" + required + "' (columns: " + names
                        + "; expected item, context and optionally timestamp, weight)");
            }
        }
        for (String name : names) {
            if (!List.of("item", "context", "timestamp", "weight", "name").contains(name)) {
                throw InvalidInputException.inFile(file, "unknown column '" + name + "' (expected item, context and optionally timestamp, weight, name)");
            }
        }
        StructType schema = raw.schema();
        Column item = idColumn(file, raw, schema, "item");
        Column context = idColumn(file, raw, schema, "context");
        boolean hasTimestamps = names.contains("timestamp");
        boolean hasWeights = names.contains("weight");
        Column timestamp = DataTypesCheck.timestamp(file, raw, schema, hasTimestamps);
        Column weight = DataTypesCheck.weight(file, raw, schema, hasWeights);
        Dataset<Row> frame = raw.select(item.as("item"), context.as("context"), timestamp.as("timestamp"), weight.as("weight"));
        // The first row with an empty id, counted in the files' order (zipWithIndex keeps it).
        JavaRDD<Tuple2<Long, String>> problems = frame.toJavaRDD().zipWithIndex().flatMap(t -> {
            Row r = t._1;
            String bad = r.isNullAt(0) || r.getString(0).isEmpty() ? "item" : r.isNullAt(1) || r.getString(1).isEmpty() ? "context" : null;
            return bad == null ? List.<Tuple2<Long, String>>of().iterator()
                    : List.of(new Tuple2<>(t._2 + 1, "empty value in column '" + bad + "'")).iterator();
        });
        if (!problems.isEmpty()) {
            Tuple2<Long, String> p = problems.reduce((a, b) -> a._1 <= b._1 ? a : b);
            throw InvalidInputException.inFile(file, "row " + p._1 + ": " + p._2);
        }
        if (frame.isEmpty()) {
            throw InvalidInputException.inFile(file, "no rows");
        }
        JavaRDD<Row> numbered = frame.toJavaRDD().zipWithIndex()
                .map(t -> RowFactory.create(t._1.get(0), t._1.get(1), t._1.get(2), t._1.get(3), t._2 + 1));
        return new Input(path, spark.createDataFrame(numbered, SCHEMA), hasTimestamps, hasWeights);
    }

    /** An id column: text, or whole numbers (written as decimal text, as the importer reads them). */
    private static Column idColumn(Path file, Dataset<Row> raw, StructType schema, String name) {
        StructField field = DataTypesCheck.field(schema, name);
        DataType t = field.dataType();
        if (t.equals(DataTypes.StringType)) {
            return org.apache.spark.sql.functions.trim(col(field.name()));
        }
        if (t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.ShortType)) {
            return col(field.name()).cast(DataTypes.StringType);
        }
        throw InvalidInputException.inFile(file, "column '" + name + "' is " + t.simpleString() + " (expected string or integer ids)");
    }

    private static String withoutCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static void checkExists(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw InvalidInputException.parameter("input", "no file " + path);
            }
        } catch (IOException e) {
            throw InvalidInputException.parameter("input", "cannot read " + path + ": " + e.getMessage());
        }
    }

    private static boolean isDirectory(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(p).isDirectory();
        } catch (IOException e) {
            return false;
        }
    }
}
