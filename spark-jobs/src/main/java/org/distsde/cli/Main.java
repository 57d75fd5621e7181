package org.distsde.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.distsde.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line: {@code distsde <verb> [options]}, one {@link Verb} per verb (picocli). Exit
 * status 0 on success, 2 for invalid input (one line on stderr naming the field), 1 for a failure at
 * run time. The same main class and arguments work under spark-submit. A new verb is one
 * {@link Verb} subclass and one entry in {@code subcommands} below.
 */
@Command(name = "distsde", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Distributed optimizers (DSGD, DCSGD, DSignSGD, RMSprop(W), Adam(W)) and their SDEs, simulated on Apache Spark.",
        subcommands = {
            SimulateCommand.class,
            IntegrateCommand.class,
            ConvergeCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            FrontierCommand.class,
            SweepChartsCommand.class,
            FitNoiseCommand.class,
        },
        footer = {"", "Spark: the embedded local[*] master unless spark.master is set (spark-submit sets it).",
            "Exit status: 0 success, 2 invalid input, 1 run-time failure.",
            "'distsde <command> --help' lists the options of a command."})
public final class Main implements Callable<Integer> {
    /** Width of the help text (fixed, so that the README's copy matches it). */
    static final int HELP_WIDTH = 100;

    @Spec
    private CommandSpec spec;

    final SparkSession spark;
    final PrintStream out;
    final PrintStream err;

    Main(SparkSession spark, PrintStream out, PrintStream err) {
        this.spark = spark;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        final int code = run(args, null, System.out, System.err);
        // In YARN cluster deploy mode this runs inside the ApplicationMaster, which reports a
        // System.exit before main returns as a failed application (even with status 0): return there.
        final boolean yarnClusterDriver = System.getProperty("spark.yarn.app.id") != null
                && "cluster".equals(System.getProperty("spark.submit.deployMode"));
        if (code != 0 || !yarnClusterDriver) {
            System.exit(code);
        }
    }

    /**
     * Runs a command line. {@code spark} may be an existing session (tests); else a verb that needs
     * one creates it and stops it when done.
     */
    public static int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) {
        final CommandLine cl = commandLine(new Main(spark, out, err));
        final int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    static CommandLine commandLine(Main main) {
        final CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(main.out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(main.err, true, StandardCharsets.UTF_8));
        cl.setExpandAtFiles(false); // "@file" is a value like any other
        cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setUsageHelpLongOptionsMaxWidth(26);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((e, command, parsed) -> failure(main, e, command));
        return cl;
    }

    /** No verb given. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command (try --help)");
    }

    /** A bad command line: one line naming the option, exit status 2. */
    private static int usageError(ParameterException e, String[] args) {
        final CommandLine cl = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u && cl.getCommandSpec().parent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        final String help = cl.getCommandSpec().parent() == null ? "--help" : cl.getCommandName() + " --help";
        cl.getErr().println("error: " + oneLine(message) + (message.contains("--help") ? "" : " (try " + help + ")"));
        return 2;
    }

    /** An exception of a verb: a config error is exit status 2, anything else a run-time failure, 1. */
    private static int failure(Main main, Exception e, CommandLine command) {
        if (e instanceof ConfigException) {
            main.err.println("error: " + e.getMessage());
            return 2;
        }
        final String what = command.getCommand() instanceof Verb v ? v.failing() : "run";
        main.err.println("error: " + what + " failed: " + e);
        e.printStackTrace(main.err);
        return 1;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** {@code --version}: distsde's version and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String v = org.distsde.spark.Versions.all("-").get("distsde");
            return new String[] {"distsde " + v + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
