package org.distsde.cluster;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Executor plugin of {@link StandaloneClusterTest}: the first attempt of every task of the stage
 * {@code spark.distsde.test.holdStage} waits (60 s at most) before it runs, so that the executor
 * killed when that stage's first task starts is killed while running tasks, whatever their length;
 * the re-run attempts on the new executor go through at once.
 */
public final class HoldTaskPlugin implements SparkPlugin {
    static final String STAGE = "spark.distsde.test.holdStage";

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            private int stage = -1;

            @Override
            public void init(PluginContext ctx, Map<String, String> extraConf) {
                stage = ctx.conf().getInt(STAGE, -1);
            }

            @Override
            public void onTaskStart() {
                final TaskContext tc = TaskContext.get();
                if (tc != null && tc.stageId() == stage && tc.attemptNumber() == 0) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }
}
