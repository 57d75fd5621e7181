package org.distsde.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.distsde.sim.RoundSchema;
import org.distsde.sim.RoundStats;

/**
 * The metrics of one output: one row per series × kind × recorded round, in series order. Columns:
 * {@code series, label}, the swept parameters ({@link SweepColumns}), {@code kind, optimizer}, then
 * {@link RoundSchema#of(int)} with k the most coordinates any series records (NaN where a series
 * records fewer). Written as RFC 4180 CSV and as Parquet with the same columns and types.
 */
public final class ResultTable {
    /** One series' rows of one kind; {@code params} its swept values by config path. */
    public record Block(int series, String label, Map<String, String> params, SeriesKind kind, String optimizer,
                        List<RoundStats> rows) { }

    private final List<Block> blocks = new ArrayList<>();

    public void add(Block b) {
        blocks.add(b);
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** The number of recorded coordinates of the table: the most of any row. */
    public int coordinates() {
        int k = 0;
        for (Block b : blocks) {
            for (RoundStats s : b.rows()) {
                k = Math.max(k, s.coordinates());
            }
        }
        return k;
    }

    /** The swept parameters' columns. */
    public List<SweepColumns.Column> sweep() {
        return SweepColumns.of(blocks.stream().map(Block::params).toList());
    }

    public String[] header() {
        final List<String> h = new ArrayList<>(List.of("series", "label"));
        sweep().forEach(c -> h.add(c.name()));
        h.add("kind");
        h.add("optimizer");
        h.addAll(List.of(RoundSchema.names(coordinates())));
        return h.toArray(new String[0]);
    }

    /** RFC 4180 CSV; numbers in Java's shortest round-trip form, integers without a decimal point. */
    public String toCsv() {
        final List<RoundSchema.Column> cols = RoundSchema.of(coordinates());
        final List<SweepColumns.Column> sweep = sweep();
        final StringBuilder b = new StringBuilder(String.join(",", header())).append('\n');
        for (Block bl : blocks) {
            final StringBuilder meta = new StringBuilder().append(bl.series()).append(',').append(quote(bl.label()));
            for (SweepColumns.Column c : sweep) {
                final String v = bl.params().get(c.path());
                meta.append(',').append(v == null ? "" : quote(v));
            }
            meta.append(',').append(bl.kind().id()).append(',').append(bl.optimizer());
            for (RoundStats s : bl.rows()) {
                b.append(meta);
                for (RoundSchema.Column c : cols) {
                    final double v = c.value().applyAsDouble(s);
                    b.append(',').append(c.integral() ? Long.toString((long) v) : num(v));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** Writes the table as Parquet (one file) at {@code path}: the same columns as the CSV, typed. */
    public void writeParquet(SparkSession spark, String path) {
        final List<RoundSchema.Column> cols = RoundSchema.of(coordinates());
        final List<SweepColumns.Column> sweep = sweep();
        final List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("series", DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField("label", DataTypes.StringType, false));
        for (SweepColumns.Column c : sweep) {
            fields.add(DataTypes.createStructField(c.name(), sparkType(c.type()), true));
        }
        fields.add(DataTypes.createStructField("kind", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("optimizer", DataTypes.StringType, false));
        for (RoundSchema.Column c : cols) {
            fields.add(DataTypes.createStructField(c.name(), c.integral() ? DataTypes.LongType : DataTypes.DoubleType,
                    false));
        }
        final List<Row> rows = new ArrayList<>();
        for (Block b : blocks) {
            for (RoundStats s : b.rows()) {
                final List<Object> v = new ArrayList<>(fields.size());
                v.add(b.series());
                v.add(b.label());
                for (SweepColumns.Column c : sweep) {
                    v.add(SweepColumns.value(c, b.params().get(c.path())));
                }
                v.add(b.kind().id());
                v.add(b.optimizer());
                for (RoundSchema.Column c : cols) {
                    final double d = c.value().applyAsDouble(s);
                    v.add(c.integral() ? (Object) (long) d : (Object) d);
                }
                rows.add(RowFactory.create(v.toArray()));
            }
        }
        spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).coalesce(1).write()
                .parquet(path);
    }

    private static DataType sparkType(SweepColumns.Type t) {
        return switch (t) {
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case STRING -> DataTypes.StringType;
        };
    }

    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(v);
    }

    public static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
