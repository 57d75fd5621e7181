package org.distsde.rng;

/**
 * Warms up Vector API code before it is used: until C2 has compiled it, such code runs with every
 * vector boxed on the heap (measured 10⁴–10⁵ ns per value, against 1–2 ns once compiled). A
 * warm-up started once per JVM runs its probe on dummy data in one daemon thread of minimum
 * priority until the probe reports five fast calls in a row (or gives up after 60 s); callers use
 * their plain-Java code until {@link #warm()}, which changes no number as long as both compute
 * the same bits.
 */
public final class VectorWarmup {
    /** One call of the vector code on dummy data. */
    public interface Probe {
        /** Runs the vector code once (call i = 0, 1, …) and returns whether it was fast (compiled). */
        boolean fast(long i);
    }

    private final String name;
    private final Probe probe;
    private volatile boolean warm;
    private boolean started;

    /**
     * @param name  the warm-up thread's name
     * @param probe the vector code's probe
     */
    public VectorWarmup(String name, Probe probe) {
        this.name = name;
        this.probe = probe;
    }

    /** Starts the warm-up thread (once; later calls do nothing). */
    public synchronized void start() {
        if (!started) {
            started = true;
            final Thread t = new Thread(this::run, name);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    /** Whether the probe has been measured fast (compiled). */
    public boolean warm() {
        return warm;
    }

    private void run() {
        final long t0 = System.nanoTime();
        int fast = 0;
        for (long i = 0; fast < 5 && System.nanoTime() - t0 < 60_000_000_000L; i++) {
            fast = probe.fast(i) ? fast + 1 : 0;
        }
        warm = fast >= 5;
    }
}
