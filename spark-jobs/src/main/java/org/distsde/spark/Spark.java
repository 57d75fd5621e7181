package org.distsde.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Creates the SparkSession: the master spark-submit set, else the embedded {@code local[*]}. */
public final class Spark {
    private Spark() { }

    public static SparkSession session(String app) {
        return session(app, null);
    }

    /** As {@link #session(String)} with the given master (null: as there) — bench --cores runs local[1], local[2]. */
    public static SparkSession session(String app, String master) {
        final SparkConf conf = new SparkConf(true).setAppName(app);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
            conf.setIfMissing("spark.ui.enabled", "false");
            if (System.getenv("SPARK_LOCAL_IP") == null) {
                conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
                conf.setIfMissing("spark.driver.host", "127.0.0.1");
            }
        }
        conf.setIfMissing("spark.sql.shuffle.partitions", "4");
        if (master != null) {
            conf.setMaster(master);
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
