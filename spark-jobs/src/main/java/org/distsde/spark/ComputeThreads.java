package org.distsde.spark;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a task's simulation kernel on a plain JVM thread owned by this class and waits for it.
 *
 * <p>Measured on the 2-core development machine (local[2], b1's 12 blocks, after warm-up): the
 * same {@code Simulation} code took 1.20–1.33 s of summed task time on Spark's executor task
 * threads and 0.86–1.06 s when each task handed it to a plain thread, and plain pool threads in the
 * same JVM ran the whole workload in 0.38–0.54 s of wall time against 0.74–0.83 s as Spark tasks.
 * The cause is not established (memory placement of the executor threads' allocations is a
 * suspect); the hand-off costs one context switch per task. One pool per JVM, one thread per
 * core, daemon threads; results and exceptions pass through unchanged, and an interrupted
 * (killed) task cancels its computation.
 */
final class ComputeThreads {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                final Thread t = new Thread(r, "distsde-compute");
                t.setDaemon(true);
                return t;
            });

    private ComputeThreads() { }

    static <T> T call(Callable<T> work) throws InterruptedException {
        final Future<T> f = POOL.submit(work);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            final Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
