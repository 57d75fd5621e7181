package org.distsde.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.Serializable;
import java.util.Locale;

/**
 * {@code objective.data}: the dataset of a data-defined objective and how its rows are dealt to
 * the agents.
 *
 * @param path        any Hadoop path (file://, hdfs://, s3a://; a bare path is relative to the
 *                    working directory)
 * @param format      csv (header; {@code label} names the label column, every other column is
 *                    a feature), libsvm or parquet; default from the file name's extension
 * @param label       the label column (csv, parquet; default "label")
 * @param standardize z-score every feature column after loading (default true)
 * @param split       iid (default), label (sorted by label, contiguous shares) or dirichlet
 * @param alpha       the Dirichlet concentration (split dirichlet only; &gt; 0)
 * @param gradient    minibatch (default: B rows of the agent's own shard, drawn with replacement;
 *                    no SDE), local (the full gradient of the agent's own shard plus the injected
 *                    noise of {@code noise}) or full (the full gradient of the whole dataset plus
 *                    the injected noise, seed 000's setting)
 * @param batch       minibatch size B (default 16)
 * @param numFeatures libsvm: the number of features (default: the largest index seen)
 * @param handle      the loaded rows, attached by the jobs (never read from the JSON)
 */
public record DataSpec(String path, String format, String label, Boolean standardize, String split, Double alpha,
                       String gradient, Integer batch, Integer numFeatures, @JsonIgnore DataHandle handle)
        implements Serializable {
    public DataSpec {
        Check.required("objective.data.path", path);
        if (path.isBlank()) {
            throw new ConfigException("objective.data.path must not be blank");
        }
        format = DataFormat.parse(format == null ? formatOf(path) : format).id();
        label = label == null ? "label" : label;
        standardize = standardize == null || standardize;
        split = DataSplitKind.parse(split == null ? "iid" : split).id();
        if (DataSplitKind.parse(split) == DataSplitKind.DIRICHLET) { // (the fields are set after this constructor)
            Check.positive("objective.data.alpha", Check.required("objective.data.alpha", alpha));
        } else if (alpha != null) {
            throw new ConfigException("objective.data.alpha belongs to split dirichlet (split is " + split + ")");
        }
        gradient = GradientSource.parse(gradient == null ? "minibatch" : gradient).id();
        batch = batch == null ? 16 : Check.atLeast("objective.data.batch", batch, 1);
        if (numFeatures != null) {
            Check.atLeast("objective.data.numFeatures", numFeatures, 1);
        }
    }

    private static String formatOf(String path) {
        final String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".csv")) {
            return "csv";
        }
        if (p.endsWith(".parquet")) {
            return "parquet";
        }
        if (p.endsWith(".libsvm") || p.endsWith(".svm") || p.endsWith(".txt")) {
            return "libsvm";
        }
        throw new ConfigException("objective.data.format is needed: the format of " + path
                + " is not clear from its name (csv, libsvm or parquet)");
    }

    public DataFormat formatKind() {
        return DataFormat.parse(format);
    }

    public DataSplitKind splitKind() {
        return DataSplitKind.parse(split);
    }

    public GradientSource gradientKind() {
        return GradientSource.parse(gradient);
    }

    /** True once the jobs have attached the loaded rows. */
    public boolean resolved() {
        return handle != null;
    }

    /** The same spec with the loaded rows attached. */
    public DataSpec withHandle(DataHandle h) {
        return new DataSpec(path, format, label, standardize, split, alpha, gradient, batch, numFeatures, h);
    }

    /** What identifies the loaded rows (the handle's key). */
    public String loadKey() {
        return String.join("|", path, format, label, String.valueOf(standardize), String.valueOf(numFeatures));
    }
}
