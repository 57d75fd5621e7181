package org.distsde.config;

import java.io.Serializable;
import org.distsde.data.Dataset;

/**
 * A loaded dataset as it travels with a configuration: the jobs read the file once on the driver
 * (through Spark, from any Hadoop path) and attach a handle whose serialized form is small (a
 * Spark broadcast in the jobs, so every executor fetches the rows once and keeps them), never the
 * rows themselves. Tests attach an in-memory handle.
 */
public interface DataHandle extends Serializable {
    /** The rows (cached by the handle after the first call in a JVM). */
    Dataset dataset();

    /** Identifies the loaded data (path, format, label, standardization): equal keys, equal rows. */
    String key();

    /** A handle holding the rows themselves (tests, small data). */
    static DataHandle of(Dataset d, String key) {
        return new InMemory(d, key);
    }

    /** The rows in the handle. */
    record InMemory(Dataset dataset, String key) implements DataHandle { }
}
