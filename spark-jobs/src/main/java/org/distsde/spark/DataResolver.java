package org.distsde.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.config.DataHandle;
import org.distsde.config.DataSpec;
import org.distsde.config.ObjectiveSpec;
import org.distsde.config.Series;
import org.distsde.data.Dataset;

/**
 * Loads the datasets of data-defined objectives: every distinct {@code objective.data} of an
 * experiment is read once through Spark ({@link DataLoader}, any Hadoop path), standardized when
 * asked, broadcast once, and attached to its series' configurations, which are then validated
 * in full (their dimension is now known). The executors fetch the rows once per broadcast and
 * keep them: nothing is re-shipped per round.
 */
public final class DataResolver {
    private DataResolver() { }

    /** The experiment with its datasets attached (unchanged when no series has one). */
    public static ConfigLoader.Experiment resolve(SparkSession spark, ConfigLoader.Experiment exp) {
        final Map<String, DataHandle> loaded = new HashMap<>();
        final List<Series> out = new ArrayList<>();
        boolean any = false;
        for (Series s : exp.series()) {
            final ObjectiveSpec o = s.config().objective();
            if (!o.dataDefined() || o.data().resolved()) {
                out.add(s);
                continue;
            }
            any = true;
            final DataSpec spec = o.data();
            final DataHandle h = loaded.computeIfAbsent(spec.loadKey(), k -> load(spark, spec, k));
            try {
                out.add(new Series(s.index(), s.label(), s.params(), s.config().withObjective(o.withData(h))));
            } catch (IllegalArgumentException e) { // the model refuses the rows (e.g. labels not 0/1)
                throw new ConfigException("objective.data (" + spec.path() + "): " + e.getMessage());
            }
        }
        return any ? new ConfigLoader.Experiment(exp.tree(), out) : exp;
    }

    /**
     * {@code to} (re-read from the same tree with other overrides) with the rows already loaded
     * for {@code from} attached, without reading them again.
     */
    public static ConfigLoader.Experiment reattach(ConfigLoader.Experiment from, ConfigLoader.Experiment to) {
        final Map<String, DataHandle> loaded = new HashMap<>();
        for (Series s : from.series()) {
            final ObjectiveSpec o = s.config().objective();
            if (o.dataDefined() && o.data().resolved()) {
                loaded.put(o.data().loadKey(), o.data().handle());
            }
        }
        if (loaded.isEmpty()) {
            return to;
        }
        final List<Series> out = new ArrayList<>();
        for (Series s : to.series()) {
            final ObjectiveSpec o = s.config().objective();
            final DataHandle h = o.dataDefined() && !o.data().resolved() ? loaded.get(o.data().loadKey()) : null;
            out.add(h == null ? s : new Series(s.index(), s.label(), s.params(), s.config().withObjective(o.withData(h))));
        }
        return new ConfigLoader.Experiment(to.tree(), out);
    }

    private static DataHandle load(SparkSession spark, DataSpec spec, String key) {
        Dataset d;
        try {
            d = DataLoader.load(spark, spec.path(), spec.formatKind(), spec.label(),
                    spec.numFeatures() == null ? 0 : spec.numFeatures());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("objective.data.path " + spec.path() + ": " + e.getMessage());
        }
        if (spec.standardize()) {
            d = d.standardized();
        }
        final Broadcast<Dataset> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(d);
        // the rows' content in the key: a file rewritten under the same path in a long-lived JVM
        // (tests, notebooks) must not find the objective built from its former rows
        return new BroadcastData(b, key + "|" + d.rows() + "x" + d.features() + "|"
                + java.util.Arrays.hashCode(d.featureArray()) + "|" + java.util.Arrays.hashCode(d.labelArray()));
    }

    /** The rows as a Spark broadcast: serialized, only the broadcast's id travels. */
    record BroadcastData(Broadcast<Dataset> rows, String key) implements DataHandle {
        @Override
        public Dataset dataset() {
            return rows.value();
        }
    }
}
