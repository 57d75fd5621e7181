package org.distsde.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.mllib.regression.LabeledPoint;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.distsde.config.DataFormat;
import org.distsde.data.Dataset;

/**
 * Reads a dataset from any Hadoop path (file://, hdfs://, s3a://; a file, a directory of part
 * files or a glob) through Spark into a driver-side {@link Dataset}. The whole dataset is
 * collected to the driver, so it must fit in its memory.
 *
 * <p>Row order is deterministic, so a split seeded the same way is the same split: files in path
 * order, and rows in file order within a file. (Spark SQL packs file splits by size, not by name,
 * so CSV and Parquet rows are tagged with their file and a partition-ordered id and sorted by both
 * on the driver; LIBSVM files are listed and sorted here and read in that order.)
 *
 * <ul>
 *   <li>LIBSVM: {@code label index:value …} with one-based indices, through MLlib's
 *       {@code MLUtils.loadLibSVMFile}, densified; the number of features is given or inferred
 *       (the largest index).</li>
 *   <li>CSV: a header line, a label column named by the caller, every other column numeric. A value
 *       that is not a finite number is an error naming the file, column and data row.</li>
 *   <li>Parquet: either a {@code features} column of ML (or old MLlib) vectors plus the label
 *       column (other columns ignored), or numeric columns plus the label column.</li>
 * </ul>
 */
public final class DataLoader {
    private static final String FILE = "__distsde_file";
    private static final String ID = "__distsde_id";

    private DataLoader() { }

    /**
     * @param labelColumn the label column of CSV and Parquet files (ignored for LIBSVM)
     * @param numFeatures LIBSVM only: the number of features, or ≤ 0 to infer it
     */
    public static Dataset load(SparkSession spark, String path, DataFormat format, String labelColumn, int numFeatures) {
        return switch (format) {
            case LIBSVM -> libsvm(spark, path, numFeatures);
            case CSV -> csv(spark, path, labelColumn);
            case PARQUET -> parquet(spark, path, labelColumn);
        };
    }

    /** A LIBSVM file, its number of features inferred. */
    public static Dataset libsvm(SparkSession spark, String path) {
        return libsvm(spark, path, -1);
    }

    /** A LIBSVM file with {@code numFeatures} features (≤ 0: inferred from the largest index). */
    public static Dataset libsvm(SparkSession spark, String path, int numFeatures) {
        final List<String> files = files(spark, path);
        // sc.textFile reads comma-separated paths in the given order, each file from its start
        final JavaRDD<LabeledPoint> points = MLUtils.loadLibSVMFile(spark.sparkContext(), String.join(",", files),
                numFeatures).toJavaRDD();
        final List<LabeledPoint> rows;
        try {
            rows = points.collect();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("libsvm: cannot read " + path + ": " + rootMessage(e), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("libsvm: no rows in " + path);
        }
        final int p = rows.get(0).features().size();
        final double[] x = new double[rows.size() * p], y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            final LabeledPoint lp = rows.get(i);
            if (lp.features().size() != p) {
                throw new IllegalArgumentException("libsvm: row " + (i + 1) + " of " + path + " has " + lp.features().size()
                        + " features, the first row " + p);
            }
            System.arraycopy(lp.features().toArray(), 0, x, i * p, p);
            y[i] = lp.label();
        }
        return new Dataset(x, y, p);
    }

    /** A CSV file (or directory) with a header line; {@code labelColumn} is the label, all other columns features. */
    public static Dataset csv(SparkSession spark, String path, String labelColumn) {
        final org.apache.spark.sql.Dataset<Row> df = spark.read().option("header", "true")
                .option("inferSchema", "false").option("mode", "FAILFAST").csv(path);
        final String[] names = df.columns();
        final int label = indexOf(names, labelColumn, "csv", path);
        final Dataset fast = numeric(df, names, label, path);
        if (fast != null) {
            return fast;
        }
        final List<Row> rows;
        try {
            rows = ordered(df, names);
        } catch (RuntimeException e) { // e.g. a line with another number of fields (FAILFAST)
            throw new IllegalArgumentException("csv: cannot read " + path + ": " + rootMessage(e), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("csv: no data rows in " + path);
        }
        final int n = rows.size(), p = names.length - 1;
        final double[] x = new double[n * p], y = new double[n];
        String file = null;
        int rowInFile = 0;
        for (int i = 0; i < n; i++) {
            final Row r = rows.get(i);
            final String f = r.getString(names.length);
            rowInFile = f.equals(file) ? rowInFile + 1 : 1;
            file = f;
            for (int c = 0, j = 0; c < names.length; c++) {
                final double v = number(r.getString(c), f, names[c], rowInFile);
                if (c == label) {
                    y[i] = v;
                } else {
                    x[i * p + j++] = v;
                }
            }
        }
        return new Dataset(x, y, p);
    }

    /** A Parquet file (or directory): a {@code features} vector column or numeric columns, and {@code labelColumn}. */
    public static Dataset parquet(SparkSession spark, String path, String labelColumn) {
        final org.apache.spark.sql.Dataset<Row> df = spark.read().parquet(path);
        final String[] names = df.columns();
        final int label = indexOf(names, labelColumn, "parquet", path);
        checkNumeric(df.schema().fields()[label], "parquet", path);
        final int vec = Arrays.asList(names).indexOf("features");
        if (vec >= 0 && vec != label && isVector(df.schema().fields()[vec].dataType())) {
            final List<Row> rows = ordered(df.select(col(quote(names[vec])), col(quote(labelColumn))),
                    new String[] {names[vec], labelColumn});
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("parquet: no rows in " + path);
            }
            final int p = vectorSize(rows.get(0).get(0));
            final double[] x = new double[rows.size() * p], y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                final Row r = rows.get(i);
                if (r.isNullAt(0) || r.isNullAt(1)) {
                    throw new IllegalArgumentException("parquet: null in " + r.getString(2) + ", row " + (i + 1));
                }
                final double[] v = vectorArray(r.get(0));
                if (v.length != p) {
                    throw new IllegalArgumentException("parquet: features of row " + (i + 1) + " in " + r.getString(2)
                            + " have size " + v.length + ", the first row " + p);
                }
                System.arraycopy(v, 0, x, i * p, p);
                y[i] = ((Number) r.get(1)).doubleValue();
            }
            return new Dataset(x, y, p);
        }
        for (StructField f : df.schema().fields()) {
            checkNumeric(f, "parquet", path);
        }
        final List<Row> rows = ordered(df, names);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("parquet: no rows in " + path);
        }
        final int n = rows.size(), p = names.length - 1;
        final double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            final Row r = rows.get(i);
            for (int c = 0, j = 0; c < names.length; c++) {
                if (r.isNullAt(c)) {
                    throw new IllegalArgumentException("parquet: null in column '" + names[c] + "' of " + r.getString(names.length)
                            + ", row " + (i + 1));
                }
                final double v = ((Number) r.get(c)).doubleValue();
                if (c == label) {
                    y[i] = v;
                } else {
                    x[i * p + j++] = v;
                }
            }
        }
        return new Dataset(x, y, p);
    }

    /**
     * The CSV's columns parsed to doubles by Spark on the executors and collected in (file, position
     * in file) order — half the driver memory of collecting the strings — or null when a cell is
     * not a finite number, so that the string path names the file, column and row of the first one.
     */
    private static Dataset numeric(org.apache.spark.sql.Dataset<Row> df, String[] names, int label, String path) {
        final Column[] cols = new Column[names.length + 2];
        for (int c = 0; c < names.length; c++) {
            cols[c] = col(quote(names[c])).cast("double");
        }
        cols[names.length] = input_file_name().as(FILE);
        cols[names.length + 1] = monotonically_increasing_id().as(ID);
        final List<Row> rows;
        try {
            rows = new ArrayList<>(df.select(cols).collectAsList());
        } catch (RuntimeException e) { // e.g. a line with another number of fields: the string path says it
            return null;
        }
        if (rows.isEmpty()) {
            return null;
        }
        final int f = names.length, id = names.length + 1;
        rows.sort(Comparator.<Row, String>comparing(r -> r.getString(f)).thenComparingLong(r -> r.getLong(id)));
        final int n = rows.size(), p = names.length - 1;
        final double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            final Row r = rows.get(i);
            rows.set(i, null); // let the collected row go as soon as it is copied
            for (int c = 0, j = 0; c < names.length; c++) {
                if (r.isNullAt(c)) {
                    return null;
                }
                final double v = r.getDouble(c);
                if (!Double.isFinite(v)) {
                    return null;
                }
                if (c == label) {
                    y[i] = v;
                } else {
                    x[i * p + j++] = v;
                }
            }
        }
        return new Dataset(x, y, p);
    }

    /** The columns {@code names}, then the source file, collected in (file, position in file) order. */
    private static List<Row> ordered(org.apache.spark.sql.Dataset<Row> df, String[] names) {
        final Column[] cols = new Column[names.length + 2];
        for (int c = 0; c < names.length; c++) {
            cols[c] = col(quote(names[c]));
        }
        cols[names.length] = input_file_name().as(FILE);
        cols[names.length + 1] = monotonically_increasing_id().as(ID);
        final List<Row> rows = new ArrayList<>(df.select(cols).collectAsList());
        final int f = names.length, id = names.length + 1;
        rows.sort(Comparator.<Row, String>comparing(r -> r.getString(f)).thenComparingLong(r -> r.getLong(id)));
        return rows;
    }

    /** The data files at a path or glob: directories expanded one level, hidden (_, .) files skipped, sorted. */
    static List<String> files(SparkSession spark, String path) {
        try {
            final Path p = new Path(path);
            final FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            final FileStatus[] matched = fs.globStatus(p);
            if (matched == null || matched.length == 0) {
                throw new IllegalArgumentException("data: no file at " + path);
            }
            final List<String> out = new ArrayList<>();
            for (FileStatus s : matched) {
                if (s.isDirectory()) {
                    for (FileStatus c : fs.listStatus(s.getPath())) {
                        if (c.isFile() && !hidden(c.getPath())) {
                            out.add(c.getPath().toString());
                        }
                    }
                } else if (!hidden(s.getPath())) {
                    out.add(s.getPath().toString());
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("data: no data files in " + path);
            }
            out.sort(null);
            for (String f : out) {
                if (f.contains(",")) {
                    throw new IllegalArgumentException("libsvm: file names must not contain ',' (" + f + ")");
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("data: cannot list " + path, e);
        }
    }

    private static boolean hidden(Path p) {
        return p.getName().startsWith("_") || p.getName().startsWith(".");
    }

    private static int indexOf(String[] names, String column, String format, String path) {
        final int k = Arrays.asList(names).indexOf(column);
        if (k < 0) {
            throw new IllegalArgumentException(format + ": no label column '" + column + "' in " + path
                    + " (columns: " + String.join(", ", names) + ")");
        }
        return k;
    }

    private static double number(String s, String file, String column, int row) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("csv: empty value in " + file + ", column '" + column + "', data row " + row);
        }
        final double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("csv: '" + s + "' is not a number in " + file + ", column '" + column
                    + "', data row " + row);
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("csv: '" + s + "' is not finite in " + file + ", column '" + column
                    + "', data row " + row);
        }
        return v;
    }

    private static void checkNumeric(StructField f, String format, String path) {
        if (!(f.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException(format + ": column '" + f.name() + "' of " + path + " is "
                    + f.dataType().simpleString() + ", not numeric (or give a 'features' vector column)");
        }
    }

    private static boolean isVector(DataType t) {
        return t.equals(SQLDataTypes.VectorType()) || t.getClass().getName().equals("org.apache.spark.mllib.linalg.VectorUDT");
    }

    private static double[] vectorArray(Object v) {
        return v instanceof org.apache.spark.ml.linalg.Vector ml ? ml.toArray()
                : ((org.apache.spark.mllib.linalg.Vector) v).toArray();
    }

    private static int vectorSize(Object v) {
        return vectorArray(v).length;
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        final String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).lines().findFirst().orElse("");
    }
}
