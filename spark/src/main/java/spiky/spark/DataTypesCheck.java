package spiky.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import spiky.InvalidInputException;

/** The optional Parquet columns' types: a timestamp as epoch seconds or a timestamp type, a numeric weight. */
final class DataTypesCheck {
    private DataTypesCheck() {}

    static StructField field(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                return f;
            }
        }
        throw new IllegalStateException("no column " + name);
    }

    static Column timestamp(Path file, Dataset<Row> raw, StructType schema, boolean present) {
        if (!present) {
            return lit(null).cast(DataTypes.LongType);
        }
        StructField f = field(schema, "timestamp");
        DataType t = f.dataType();
        if (t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType)) {
            return col(f.name()).cast(DataTypes.LongType);
        }
        if (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType)) {
            return org.apache.spark.sql.functions.unix_timestamp(col(f.name())).cast(DataTypes.LongType);
        }
        throw InvalidInputException.inFile(file, "column 'timestamp' is " + t.simpleString() + " (expected epoch seconds or a timestamp)");
    }

    static Column weight(Path file, Dataset<Row> raw, StructType schema, boolean present) {
        if (!present) {
            return lit(null).cast(DataTypes.DoubleType);
        }
        StructField f = field(schema, "weight");
        if (!(f.dataType() instanceof NumericType)) {
            throw InvalidInputException.inFile(file, "column 'weight' is " + f.dataType().simpleString() + " (expected a number)");
        }
        return col(f.name()).cast(DataTypes.DoubleType);
    }
}
