package org.distsde.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.distsde.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format written to a temporary directory and read back through file:// URIs. */
class DataLoaderTest extends SparkTestBase {
    @TempDir
    Path tmp;

    private static String uri(Path p) {
        return p.toUri().toString(); // file:///…
    }

    @Test
    void libsvmIsDensifiedInFileOrder() throws Exception {
        final Path f = tmp.resolve("a.libsvm");
        Files.writeString(f, "1 1:0.5 3:2\n0 2:-1\n1 1:1.5 2:2.5 3:-3\n");
        final Dataset d = DataLoader.libsvm(spark, uri(f));
        assertEquals(3, d.rows());
        assertEquals(3, d.features());
        assertArrayEquals(new double[] {0.5, 0, 2, 0, -1, 0, 1.5, 2.5, -3}, d.featureArray());
        assertArrayEquals(new double[] {1, 0, 1}, d.labelArray());
        assertEquals(5, DataLoader.libsvm(spark, uri(f), 5).features()); // numFeatures given: zero-padded
    }

    @Test
    void libsvmDirectoryIsReadInFileNameOrder() throws Exception {
        final Path dir = Files.createDirectories(tmp.resolve("svm"));
        // a small file named first and a large one second; a hidden file is skipped
        Files.writeString(dir.resolve("part-0.txt"), "0 1:1\n0 1:2\n");
        final StringBuilder big = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            big.append("1 1:").append(100 + i).append('\n');
        }
        Files.writeString(dir.resolve("part-1.txt"), big);
        Files.writeString(dir.resolve("_SUCCESS"), "");
        final Dataset d = DataLoader.libsvm(spark, uri(dir));
        assertEquals(202, d.rows());
        for (int i = 0; i < 202; i++) {
            assertEquals(i < 2 ? i + 1 : 100 + i - 2, d.feature(i, 0), "row " + i);
        }
    }

    @Test
    void csvWithANamedLabelColumnAnywhere() throws Exception {
        final Path f = tmp.resolve("t.csv");
        Files.writeString(f, "x1,y,x2\n1.5,0,2\n-3,1,4e-2\n7,1,0\n");
        final Dataset d = DataLoader.csv(spark, uri(f), "y");
        assertEquals(3, d.rows());
        assertEquals(2, d.features());
        assertArrayEquals(new double[] {1.5, 2, -3, 0.04, 7, 0}, d.featureArray());
        assertArrayEquals(new double[] {0, 1, 1}, d.labelArray());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataLoader.csv(spark, uri(f), "label"));
        assertTrue(e.getMessage().contains("no label column 'label'") && e.getMessage().contains("x1, y, x2"), e.getMessage());
    }

    @Test
    void csvDirectoryKeepsFileAndRowOrderWhateverTheFileSizes() throws Exception {
        final Path dir = Files.createDirectories(tmp.resolve("csvdir"));
        Files.writeString(dir.resolve("part-a.csv"), "v,label\n1,0\n2,0\n");
        final StringBuilder big = new StringBuilder("v,label\n");
        for (int i = 0; i < 500; i++) {
            big.append(1000 + i).append(",1\n");
        }
        Files.writeString(dir.resolve("part-b.csv"), big); // larger: Spark schedules it first
        final Dataset d = DataLoader.csv(spark, uri(dir), "label");
        assertEquals(502, d.rows());
        for (int i = 0; i < 502; i++) {
            assertEquals(i < 2 ? i + 1 : 1000 + i - 2, d.feature(i, 0), "row " + i);
        }
    }

    @Test
    void aNonNumericCsvValueIsAOneLineErrorNamingFileColumnAndRow() throws Exception {
        final Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "a,b,label\n1,2,0\n3,4,1\n5,oops,1\n");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataLoader.csv(spark, uri(f), "label"));
        final String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains("bad.csv") && m.contains("column 'b'") && m.contains("data row 3") && m.contains("'oops'"), m);
        Files.writeString(f, "a,b,label\n1,,0\n");
        final String empty = assertThrows(IllegalArgumentException.class, () -> DataLoader.csv(spark, uri(f), "label")).getMessage();
        assertTrue(empty.contains("empty value") && empty.contains("column 'b'") && empty.contains("data row 1"), empty);
    }

    @Test
    void parquetWithAFeaturesVectorColumn() throws Exception {
        final StructType schema = new StructType(new StructField[] {
            new StructField("id", DataTypes.StringType, false, Metadata.empty()),
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(RowFactory.create("r" + i, i % 2 == 0 ? Vectors.dense(i, -i, 0.5) : Vectors.sparse(3, new int[] {0}, new double[] {i}),
                    (double) (i % 2)));
        }
        final Path out = tmp.resolve("vec.parquet");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(uri(out));
        final Dataset d = DataLoader.parquet(spark, uri(out), "label");
        assertEquals(50, d.rows());
        assertEquals(3, d.features());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, d.feature(i, 0));
            assertEquals(i % 2 == 0 ? -i : 0, d.feature(i, 1));
            assertEquals(i % 2, d.label(i));
        }
    }

    @Test
    void parquetWithNumericColumns() throws Exception {
        final StructType schema = new StructType(new StructField[] {
            new StructField("a", DataTypes.IntegerType, false, Metadata.empty()),
            new StructField("target", DataTypes.LongType, false, Metadata.empty()),
            new StructField("b", DataTypes.FloatType, false, Metadata.empty())});
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(RowFactory.create(i, (long) (i % 3), 0.25f * i));
        }
        final Path out = tmp.resolve("num.parquet");
        spark.createDataFrame(rows, schema).repartition(3).sortWithinPartitions("a").coalesce(1).write().parquet(uri(out));
        final Dataset d = DataLoader.parquet(spark, uri(out), "target");
        assertEquals(30, d.rows());
        assertEquals(2, d.features());
        for (int i = 0; i < 30; i++) {
            final int a = (int) d.feature(i, 0);
            assertEquals(0.25 * a, d.feature(i, 1));
            assertEquals(a % 3, d.label(i));
        }
        // a string column without a features vector is an error naming the column
        final StructType withText = new StructType(new StructField[] {
            new StructField("a", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("name", DataTypes.StringType, false, Metadata.empty()),
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});
        final Path bad = tmp.resolve("text.parquet");
        spark.createDataFrame(List.of(RowFactory.create(1.0, "x", 0.0)), withText).write().parquet(uri(bad));
        final String m = assertThrows(IllegalArgumentException.class, () -> DataLoader.parquet(spark, uri(bad), "label")).getMessage();
        assertTrue(m.contains("column 'name'") && m.contains("not numeric"), m);
    }

    @Test
    void shippedBreastCancerCsvLoads() {
        final Path f = Path.of("..", "conf", "data", "breast-cancer", "breast-cancer.csv").toAbsolutePath().normalize();
        final Dataset d = DataLoader.load(spark, uri(f), org.distsde.config.DataFormat.parse("csv"), "label", 0);
        assertEquals(569, d.rows());
        assertEquals(30, d.features());
        assertEquals(Map.of(0, 212, 1, 357), d.classCounts());
        assertEquals(17.99, d.feature(0, 0)); // file order: the first record first
        assertEquals(7.76, d.feature(568, 0)); // and the last one last
        assertEquals(1, d.label(568));
    }

    @Test
    void unknownFormatAndMissingPathAreErrors() {
        assertThrows(org.distsde.config.ConfigException.class, () -> org.distsde.config.DataFormat.parse("xlsx"));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.libsvm(spark, uri(tmp.resolve("nothing"))));
    }
}
