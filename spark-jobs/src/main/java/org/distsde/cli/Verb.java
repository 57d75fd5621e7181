package org.distsde.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.distsde.spark.Spark;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A verb of the command line (a picocli subcommand): its options are annotated fields, its work is
 * {@link #run()}. Output, errors and exit codes are handled once, by {@link Main}: a
 * {@link org.distsde.config.ConfigException} or a bad option is exit status 2 with one line on
 * stderr naming the field, any other exception 1. To add a verb, write a subclass annotated with
 * {@code @Command(name = ..., description = ...)} and list it in {@link Main}'s {@code subcommands}.
 */
public abstract class Verb implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "Show this help message and exit.")
    private boolean help;

    @ParentCommand
    private Main main;

    @Spec
    private CommandSpec spec;

    /** The verb's work; its return value is the exit status. */
    protected abstract int run() throws Exception;

    /** The verb's name on the command line. */
    protected String name() {
        return spec.name();
    }

    /** What failed, for "error: ... failed: <exception>" on a run-time failure. */
    protected String failing() {
        return spec.name();
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    protected PrintStream out() {
        return main.out;
    }

    protected PrintStream err() {
        return main.err;
    }

    /** An integer option in [min, max], else a usage error naming it. */
    protected int range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be "
                    + (max == Integer.MAX_VALUE ? ">= " + min : "in [" + min + ", " + max + "]") + " (got " + value + ")");
        }
        return value;
    }

    /** Work on a SparkSession. */
    @FunctionalInterface
    protected interface SparkWork<T> {
        T run(SparkSession spark) throws Exception;
    }

    /**
     * Runs {@code work} on the session the caller gave {@link Main#run} (tests), else on a new one
     * (the embedded {@code local[*]}, or the master spark-submit set) that is stopped afterwards.
     */
    protected <T> T withSpark(String app, SparkWork<T> work) throws Exception {
        return withSpark(app, null, work);
    }

    /**
     * As {@link #withSpark(String, SparkWork)} on a new session with the given master (null: the
     * default); a caller's session (tests) is used as it is, whatever {@code master} says.
     */
    protected <T> T withSpark(String app, String master, SparkWork<T> work) throws Exception {
        final SparkSession s = main.spark != null ? main.spark : Spark.session(app, master);
        try {
            return work.run(s);
        } finally {
            if (main.spark == null) {
                s.stop();
            }
        }
    }
}
