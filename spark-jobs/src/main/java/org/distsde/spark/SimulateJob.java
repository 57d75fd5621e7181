package org.distsde.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.distsde.config.ConfigLoader;
import org.distsde.config.ExperimentConfig;
import org.distsde.config.Series;
import org.distsde.io.ResultDir;
import org.distsde.io.ResultTable;
import org.distsde.sim.Aggregator;
import org.distsde.sim.RoundStats;
import org.distsde.sim.Simulation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code simulate} job: every series of an experiment is simulated with the agents spread
 * over Spark partitions ({@link SparkAggregator}); the metrics table (CSV and Parquet) and a JSON
 * summary are written atomically to the output path.
 */
public final class SimulateJob {
    private static final Logger LOG = LoggerFactory.getLogger(SimulateJob.class);

    private SimulateJob() { }

    /** A series' results, for the summary. */
    public record SeriesResult(Series series, String kind, List<RoundStats> rows, double seconds, Object checks) { }

    /**
     * Runs the experiment and writes {@code out}. The output path was validated by the caller
     * (through {@link ResultDir#open}).
     */
    public static List<SeriesResult> run(SparkSession spark, ConfigLoader.Experiment exp, ResultDir out)
            throws IOException {
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final long t0 = System.nanoTime();
        final List<SeriesResult> results = new ArrayList<>();
        final int n = exp.series().size();
        for (Series s : exp.series()) {
            final ExperimentConfig c = s.config();
            final long ts = System.nanoTime();
            final Simulation sim = new Simulation(c);
            final int logEvery = Math.max(c.recordEvery(), c.rounds() / 10);
            final String tag = "[" + c.name() + " " + (s.index() + 1) + "/" + n + " " + s.label() + "]";
            final List<RoundStats> rows;
            if (c.layout().byRuns(c.normalization())) {
                LOG.info(String.format("%s runs layout: %d runs x %d rounds in %d tasks", tag, c.runs(), c.rounds(),
                        c.layout().runBlocks(c.runs(), jsc.defaultParallelism())));
                rows = RunParallel.run(jsc, c);
                final RoundStats last = rows.get(rows.size() - 1);
                LOG.info(String.format("%s round %d/%d  %.1f s  loss_mean %.4g  diverged %d/%d", tag, last.round(),
                        c.rounds(), (System.nanoTime() - ts) / 1e9, last.lossMean(), last.diverged(), c.runs()));
            } else {
                try (Aggregator agg = new SparkAggregator(jsc, c)) {
                    rows = sim.run(agg, st -> {
                        if (st.round() % logEvery == 0 || st.round() == c.rounds()) {
                            LOG.info(String.format("%s round %d/%d  %.1f s  loss_mean %.4g  diverged %d/%d", tag,
                                    st.round(), c.rounds(), (System.nanoTime() - ts) / 1e9, st.lossMean(),
                                    st.diverged(), c.runs()));
                        }
                    });
                }
            }
            final double sec = (System.nanoTime() - ts) / 1e9;
            results.add(new SeriesResult(s, "optimizer", rows, sec, null));
        }
        write(spark, exp, results, out, (System.nanoTime() - t0) / 1e9);
        return results;
    }

    static void write(SparkSession spark, ConfigLoader.Experiment exp, List<SeriesResult> results, ResultDir out,
                      double wall) throws IOException {
        final ResultTable table = new ResultTable();
        for (SeriesResult r : results) {
            table.add(new ResultTable.Block(r.series().index(), r.series().label(), r.kind(),
                    r.series().config().optimizer(), r.rows()));
        }
        out.writeString("metrics.csv", table.toCsv());
        writeParquet(spark, table, out);
        out.writeString("summary.json", summary(spark, exp, results, wall));
        out.commit();
    }

    static void writeParquet(SparkSession spark, ResultTable table, ResultDir out) {
        final String[] h = ResultTable.header();
        final List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(h[0], DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(h[1], DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(h[2], DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(h[3], DataTypes.StringType, false));
        for (int i = 4; i < h.length; i++) {
            final boolean integral = h[i].equals("round") || h[i].equals("runs") || h[i].equals("diverged");
            fields.add(DataTypes.createStructField(h[i], integral ? DataTypes.LongType : DataTypes.DoubleType, false));
        }
        final List<Row> rows = new ArrayList<>();
        for (ResultTable.Block b : table.blocks()) {
            for (RoundStats s : b.rows()) {
                final Object[] v = new Object[h.length];
                v[0] = b.series();
                v[1] = b.label();
                v[2] = b.kind();
                v[3] = b.optimizer();
                final double[] d = s.values();
                for (int i = 0; i < d.length; i++) {
                    final String col = h[i + 4];
                    final boolean integral = col.equals("round") || col.equals("runs") || col.equals("diverged");
                    v[i + 4] = integral ? (Object) (long) d[i] : (Object) d[i];
                }
                rows.add(RowFactory.create(v));
            }
        }
        final Dataset<Row> df = spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0])));
        df.coalesce(1).write().parquet(out.path("metrics.parquet").toString());
    }

    static String summary(SparkSession spark, ConfigLoader.Experiment exp, List<SeriesResult> results, double wall)
            throws IOException {
        final ObjectMapper m = ConfigLoader.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        final ObjectNode root = m.createObjectNode();
        final ExperimentConfig first = exp.first();
        root.put("name", first.name());
        root.put("description", first.description());
        root.put("seed", first.seed());
        root.set("config", exp.tree());
        root.set("versions", m.valueToTree(Versions.all(spark.version())));
        root.put("wallSeconds", wall);
        final ArrayNode arr = root.putArray("series");
        for (SeriesResult r : results) {
            final ExperimentConfig c = r.series().config();
            final ObjectNode s = arr.addObject();
            s.put("index", r.series().index());
            s.put("label", r.series().label());
            s.put("kind", r.kind());
            s.put("optimizer", c.optimizer());
            s.set("params", m.valueToTree(r.series().params()));
            s.put("agents", c.agents());
            s.put("runs", r.kind().equals("sde") && c.sde().paths() != null ? c.sde().paths() : c.runs());
            s.put("rounds", c.rounds());
            s.put("dim", c.buildObjective().dim());
            s.put("seconds", r.seconds());
            final double work = (double) c.runs() * c.rounds() * c.buildObjective().dim()
                    * (r.kind().equals("sde") ? 1 : c.agents());
            s.put("throughput", work / r.seconds());
            final RoundStats last = r.rows().get(r.rows().size() - 1);
            final ObjectNode fin = s.putObject("final");
            final double[] v = last.values();
            for (int i = 0; i < v.length; i++) {
                final double x = v[i];
                if (Double.isFinite(x)) {
                    fin.put(RoundStats.COLUMNS[i], x);
                } else {
                    fin.put(RoundStats.COLUMNS[i], Double.toString(x));
                }
            }
            if (r.checks() != null) {
                s.set("checks", m.valueToTree(r.checks()));
            }
        }
        return m.writeValueAsString(root);
    }

    /** Writes nothing; used by the CLI to report per-series wall times. */
    public static String describe(List<SeriesResult> results) {
        final StringBuilder b = new StringBuilder();
        for (SeriesResult r : results) {
            final RoundStats last = r.rows().get(r.rows().size() - 1);
            b.append(String.format("%-4d %-10s %-40s %9.2f s  final loss_mean %-11.4g diverged %d/%d%n",
                    r.series().index(), r.kind(), r.series().label(), r.seconds(), last.lossMean(),
                    last.diverged(), last.runs() + last.diverged()));
        }
        return b.toString();
    }
}
