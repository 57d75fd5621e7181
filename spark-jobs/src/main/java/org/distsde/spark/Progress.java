package org.distsde.spark;

import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of a command's whole work with its ETA. The work is planned in parts whose sizes
 * are the {@link CostModel}'s estimated seconds; a part is a Spark job (or several, such as the
 * levels of a resolved SDE or the steps of a bisection), followed task by task through a
 * {@link Watch}, or the rounds of an agents-layout series, reported by the caller. The fraction done
 * is the planned work finished (plus the finished share of the running part) over the plan; the
 * ETA extrapolates the time spent linearly, so it corrects the cost model's absolute scale as the
 * work proceeds. Lines are logged at INFO at most every {@link #EVERY_NANOS} (and at the end of every part).
 */
public final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    static final long EVERY_NANOS = 5_000_000_000L;

    private final String tag;
    private final double total;
    private final long start;
    private double done;
    private long lastLog;

    /**
     * @param tag   what the lines are about, e.g. "[fig1-b1]"
     * @param total the planned work, in estimated seconds (NaN or ≤ 0: no ETA, fractions of parts only)
     */
    public Progress(String tag, double total) {
        this(tag, total, System.nanoTime());
    }

    Progress(String tag, double total, long start) {
        this.tag = tag;
        this.total = total;
        this.start = start;
        this.lastLog = start;
    }

    /** The plan's estimated seconds. */
    public double total() {
        return total;
    }

    /** A part of {@code work} planned units finished. */
    public synchronized void advance(double work) {
        if (Double.isFinite(work)) {
            done += work;
        }
    }

    /** "42%, ETA 1.2 min" with {@code partial} units of the running part done, at time {@code now}. */
    synchronized String status(double partial, long now) {
        if (!(total > 0)) {
            return "ETA ?";
        }
        final double f = Math.min(1, (done + Math.max(0, partial)) / total);
        final double elapsed = (now - start) / 1e9;
        final double eta = f > 0 ? elapsed * (1 - f) / f : total;
        return String.format(Locale.ROOT, "%.0f%%, ETA %s%s", 100 * f, seconds(eta), f > 0 ? "" : " (cost model)");
    }

    /** Logs {@code what} with the whole work's status; unless {@code force}, at most every {@link #EVERY_NANOS}. */
    public void log(String what, double partial, boolean force) {
        final long now = System.nanoTime();
        synchronized (this) {
            if (!force && now - lastLog < EVERY_NANOS) {
                return;
            }
            lastLog = now;
        }
        LOG.info(tag + " " + what + " (all: " + status(partial, now) + ")");
    }

    /**
     * Follows the Spark jobs of one part: {@code jobWork[i]} planned units for its i-th job (jobs past
     * the array count nothing), spread evenly over that job's tasks. Closing it finishes the part:
     * the plan advances by the sum of {@code jobWork}, however many jobs ran.
     */
    public Watch watch(SparkContext sc, String what, double... jobWork) {
        return new Watch(sc, what, jobWork);
    }

    /** A {@link SparkListener} for the jobs of one part (see {@link #watch}). */
    public final class Watch extends SparkListener implements AutoCloseable {
        private final SparkContext sc;
        private final String what;
        private final double[] jobWork;
        private int job = -1;
        private int tasks;
        private int finished;
        private double before;

        Watch(SparkContext sc, String what, double[] jobWork) {
            this.sc = sc;
            this.what = what;
            this.jobWork = jobWork.clone();
            if (sc != null) {
                sc.addSparkListener(this);
            }
            log(what + ": started", 0, true);
        }

        private double work(int i) {
            return i >= 0 && i < jobWork.length && Double.isFinite(jobWork[i]) ? jobWork[i] : 0;
        }

        private synchronized double partial() {
            return before + (tasks > 0 ? work(job) * finished / tasks : 0);
        }

        @Override
        public synchronized void onJobStart(SparkListenerJobStart e) {
            if (job >= 0) {
                before += work(job);
            }
            job++;
            tasks = 0;
            finished = 0;
            final var stages = e.stageInfos().iterator();
            while (stages.hasNext()) {
                tasks += stages.next().numTasks();
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
            final int f, n, j;
            synchronized (this) {
                finished++;
                f = finished;
                n = tasks;
                j = job;
            }
            log(String.format(Locale.ROOT, "%s: job %d, %d/%d tasks", what, j + 1, f, n), partial(), false);
        }

        @Override
        public void close() {
            if (sc != null) {
                sc.removeSparkListener(this);
            }
            double sum = 0;
            for (int i = 0; i < jobWork.length; i++) {
                sum += work(i);
            }
            advance(sum);
            log(what + ": done", 0, true);
        }
    }

    /**
     * The running series' part of an agents-layout line: "30% of the series, ETA 70 s", extrapolated
     * from the rounds this process ran (a resumed series starts at {@code firstRound}).
     */
    static String series(int round, int firstRound, int rounds, long seriesStart, long now) {
        final double ran = round - firstRound;
        final double eta = ran > 0 ? (now - seriesStart) / 1e9 * (rounds - round) / ran : Double.NaN;
        return String.format(Locale.ROOT, "%.0f%% of the series, ETA %s", 100.0 * round / rounds, seconds(eta));
    }

    /** A duration as the lines print it: seconds, minutes or hours. */
    static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        return s < 120 ? String.format(Locale.ROOT, "%.0f s", s)
                : s < 7200 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}
