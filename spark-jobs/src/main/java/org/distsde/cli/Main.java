package org.distsde.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.distsde.bench.BenchCommand;
import org.distsde.config.ConfigException;
import org.distsde.config.ConfigLoader;
import org.distsde.io.ResultDir;
import org.distsde.report.ReportCommand;
import org.distsde.spark.ConvergeJob;
import org.distsde.spark.SimulateJob;
import org.distsde.spark.Spark;

/**
 * Command line: {@code simulate --config <file> --out <dir> [--overwrite] [--set key.path=value ...]}.
 * Exit status 0 on success, 2 for invalid input (one line on stderr naming the field), 1 for a
 * failure at run time. The same main class and arguments work under spark-submit.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: distsde <command> [options]",
            "",
            "commands:",
            "  simulate   simulate DSGD / DCSGD / DSignSGD with the agents spread over Spark partitions",
            "             (and, for series with sde.enabled, integrate their SDE into the same output)",
            "  integrate  integrate the optimizers' SDEs (Eq. 8, 27-28, 49-52) with Euler-Maruyama over paths",
            "             (at dt = eta, the model of the optimizer, and resolved in dt for the theorem checks)",
            "  converge   the SDEs' dt convergence study (dt0/2^l, coupled paths: errors, fitted weak order) and",
            "             the optimizer-vs-SDE weak error against eta: converge --config F --out D [--etas K]",
            "  report     plot result directories (PNG, SVG) and write an HTML report:",
            "             report --in <result dir> [--in ...] --out <dir> [--overwrite] [--title T]",
            "  bench      time the Appendix B workloads against the NumPy reference (see README, Benchmarks)",
            "  sweep-charts  final loss (median, p95), diverged fraction, tail index and theorem bound against N:",
            "             sweep-charts --in <result dir> [--in ...] --out <dir> [--overwrite] [--name NAME]",
            "",
            "options of simulate and integrate:",
            "  --config <file>        experiment config (JSON), e.g. conf/fig1-b1-dsgd.json",
            "  --out <dir>            result directory (file://, hdfs://, s3a:// ...); written atomically",
            "  --overwrite            replace an existing non-empty result directory",
            "  --set key.path=value   override any config field (repeatable), e.g. --set runs=200",
            "  --resume               continue a killed run from its checkpoints (.<out>.checkpoint next to --out)",
            "  --checkpoint-every N   agents layout: checkpoint every N rounds (default rounds/10; 0 = only",
            "                         finished series)",
            "  --etas K               converge: eta, eta/2, ..., eta/2^(K-1) for the weak error in eta (default 3;",
            "                         0 = only the dt study)",
            "  --help                 this text",
            "",
            "Spark: the embedded local[*] master unless spark.master is set (spark-submit sets it).",
            "Exit status: 0 success, 2 invalid input, 1 run-time failure.");

    private Main() { }

    public static void main(String[] args) {
        final int code = run(args, null, System.out, System.err);
        System.exit(code);
    }

    /** Parsed options of a job command. */
    public record Options(String command, Path config, String out, boolean overwrite, List<String> sets,
                          boolean resume, int checkpointEvery, int etas) { }

    static Options parse(String[] args) {
        if (args.length == 0) {
            throw new ConfigException("missing command (try --help)");
        }
        final String command = args[0];
        if (!command.equals("simulate") && !command.equals("integrate") && !command.equals("converge")) {
            throw new ConfigException("unknown command '" + command + "' (try --help)");
        }
        Path config = null;
        String out = null;
        boolean overwrite = false;
        boolean resume = false;
        int every = -1;
        int etas = 3;
        final List<String> sets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            final String a = args[i];
            switch (a) {
                case "--config" -> config = Path.of(value(args, ++i, a));
                case "--out" -> out = value(args, ++i, a);
                case "--overwrite" -> overwrite = true;
                case "--resume" -> resume = true;
                case "--checkpoint-every" -> every = intOption(value(args, ++i, a), a, 0, Integer.MAX_VALUE);
                case "--set" -> sets.add(value(args, ++i, a));
                case "--etas" -> etas = intOption(value(args, ++i, a), a, 0, 8);
                default -> {
                    if (a.startsWith("--set=")) {
                        sets.add(a.substring(6));
                    } else {
                        throw new ConfigException("unknown option '" + a + "' (try --help)");
                    }
                }
            }
        }
        if (config == null) {
            throw new ConfigException("--config is required");
        }
        if (out == null) {
            throw new ConfigException("--out is required");
        }
        if (!command.equals("converge") && etas != 3) {
            throw new ConfigException("--etas is an option of converge only");
        }
        return new Options(command, config, out, overwrite, sets, resume, every, etas);
    }

    /** An integer option in [min, max]. */
    private static int intOption(String v, String opt, int min, int max) {
        final int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(opt + " must be an integer (got '" + v + "')");
        }
        if (n < min || n > max) {
            throw new ConfigException(opt + " must be " + (max == Integer.MAX_VALUE ? ">= " + min
                    : "in [" + min + ", " + max + "]") + " (got " + n + ")");
        }
        return n;
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new ConfigException(opt + " needs a value");
        }
        return args[i];
    }

    /**
     * Runs a command. {@code spark} may be an existing session (tests); else one is created and
     * stopped here.
     */
    public static int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        if (args.length > 0 && args[0].equals("report")) {
            return ReportCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("sweep-charts")) {
            return org.distsde.report.SweepCharts.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("bench")) {
            final SparkSession b = spark != null ? spark : Spark.session("distsde-bench");
            try {
                return BenchCommand.run(Arrays.copyOfRange(args, 1, args.length), b, out, err);
            } finally {
                if (spark == null) {
                    b.stop();
                }
            }
        }
        final Options o;
        final ConfigLoader.Experiment exp;
        try {
            o = parse(args);
            exp = ConfigLoader.load(o.config(), o.sets());
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        SparkSession s = spark;
        try {
            if (s == null) {
                s = Spark.session("distsde-" + o.command() + "-" + exp.first().name());
            }
            final ResultDir dir;
            try {
                dir = ResultDir.open(o.out(), o.overwrite() || o.resume(), s.sparkContext().hadoopConfiguration());
            } catch (ConfigException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            try (dir) {
                if (o.resume()) {
                    dir.removeStaleStaging();
                }
                final long t0 = System.nanoTime();
                if (o.command().equals("converge")) {
                    out.print(ConvergeJob.render(ConvergeJob.run(s, exp, dir, o.etas())));
                    out.printf("wrote %s (%.1f s)%n", dir.target(), (System.nanoTime() - t0) / 1e9);
                    return 0;
                }
                final var results = SimulateJob.run(s, exp, dir, o.command().equals("simulate"), o.resume(),
                        o.checkpointEvery());
                out.print(SimulateJob.describe(results));
                out.println();
                out.print(SimulateJob.checksTable(results));
                out.printf("wrote %s (%.1f s)%n", dir.target(), (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("error: run failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            if (spark == null && s != null) {
                s.stop();
            }
        }
    }
}
