package org.distsde.spark;

import java.util.Locale;

/**
 * The progress part of a log line of the agents layout: the fraction of the series done with its
 * ETA, and the fraction of the sweep's agents-layout series done with the sweep's ETA, both
 * extrapolated linearly from the time spent so far (rounds cost about the same).
 */
final class Progress {
    private Progress() { }

    /**
     * @param round        the round just recorded
     * @param firstRound   the round this process started the series from (0, or a resumed round)
     * @param rounds       the series' rounds K
     * @param seriesStart  System.nanoTime() when the series started
     * @param done         agents-layout series of the sweep finished before this one
     * @param total        agents-layout series of the sweep to run in this process
     * @param sweepStart   System.nanoTime() when the first of them started
     */
    static String line(int round, int firstRound, int rounds, long seriesStart, int done, int total, long sweepStart) {
        return line(round, firstRound, rounds, seriesStart, done, total, sweepStart, System.nanoTime());
    }

    /** As above, at time {@code now} (System.nanoTime()). */
    static String line(int round, int firstRound, int rounds, long seriesStart, int done, int total, long sweepStart,
                       long now) {
        final double f = (double) round / rounds;
        final double ran = round - firstRound;
        final double etaSeries = ran > 0 ? (now - seriesStart) / 1e9 * (rounds - round) / ran : Double.NaN;
        final double fs = total > 0 ? (done + f) / total : f;
        final double etaSweep = fs > 0 && ran > 0 ? (now - sweepStart) / 1e9 * (1 - fs) / fs : Double.NaN;
        return String.format(Locale.ROOT, "(%.0f%%, ETA %s; sweep %d/%d series, %.0f%%, ETA %s)", 100 * f,
                seconds(etaSeries), Math.min(total, done + 1), total, 100 * fs, seconds(etaSweep));
    }

    static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        return s < 120 ? String.format(Locale.ROOT, "%.0f s", s)
                : s < 7200 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}
