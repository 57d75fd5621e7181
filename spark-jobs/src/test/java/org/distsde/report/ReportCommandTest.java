package org.distsde.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.distsde.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    /** A hand-written result directory: two panels, an SDE series, a fully diverged series, a label with commas. */
    static Path fixture(Path tmp) throws Exception {
        final Path d = tmp.resolve("res");
        Files.createDirectories(d);
        final String head = "series,label,kind,optimizer,round,time,lr,lr_min,lr_max,runs,diverged,loss_mean,loss_std,"
                + "loss_p05,loss_p50,loss_p95,grad_norm_sq_mean,grad_norm_mean\n";
        final StringBuilder csv = new StringBuilder(head);
        final String[] labels = {"\"normalization={\"\"type\"\":\"\"none\"\"} noise.sigma1=0.1\"",
            "\"normalization={\"\"type\"\":\"\"none\"\"} noise.sigma1=3.0\"",
            "\"normalization={\"\"type\"\":\"\"theorem\"\",\"\"perRun\"\":true} noise.sigma1=0.1\"",
            "\"normalization={\"\"type\"\":\"\"theorem\"\",\"\"perRun\"\":true} noise.sigma1=3.0\""};
        for (int s = 0; s < 4; s++) {
            for (String kind : new String[] {"optimizer", "sde"}) {
                for (int k = 0; k <= 100; k += 10) {
                    final boolean dead = s == 1 && k > 20;
                    final double loss = dead ? Double.NaN : 100 * Math.exp(-k / 20.0) + 0.01 * (s + 1);
                    final double lr = s >= 2 ? 0.01 / (1 + k / 50.0) : 0.01; // the theorem panel's rate varies
                    csv.append(s).append(',').append(labels[s]).append(',').append(kind).append(",dsgd,").append(k)
                            .append(',').append(k * 0.01).append(',').append(lr).append(',').append(lr).append(',')
                            .append(lr).append(',').append(dead ? 0 : 50).append(',')
                            .append(dead ? 50 : 0).append(',').append(loss).append(",1,").append(loss / 2).append(',')
                            .append(loss).append(',').append(loss * 2).append(",1,1\n");
                }
            }
        }
        Files.writeString(d.resolve("metrics.csv"), csv.toString());
        final StringBuilder series = new StringBuilder();
        final String[] norms = {"{\\\"type\\\":\\\"none\\\"}", "{\\\"type\\\":\\\"none\\\"}",
            "{\\\"type\\\":\\\"theorem\\\",\\\"perRun\\\":true}", "{\\\"type\\\":\\\"theorem\\\",\\\"perRun\\\":true}"};
        for (int s = 0; s < 4; s++) {
            for (String kind : new String[] {"optimizer", "sde"}) {
                series.append(series.length() == 0 ? "" : ",").append("{\"index\":").append(s).append(",\"label\":\"x\","
                        + "\"kind\":\"").append(kind).append("\",\"params\":{\"normalization\":\"").append(norms[s])
                        .append("\",\"noise.sigma1\":\"").append(s % 2 == 0 ? "0.1" : "3.0").append("\"},\"runs\":50,"
                        + "\"seconds\":1.5,\"throughput\":1e6,\"final\":{\"loss_mean\":0.01,\"diverged\":")
                        .append(s == 1 ? 50 : 0).append("},\"checks\":{\"theorem\":\"Theorem 4\",\"condition\":"
                        + "{\"applicable\":true,\"held\":11,\"points\":11},\"robbinsMonro\":{\"classical\":false},"
                        + "\"verdict\":\"VERDICT-").append(s).append("\"}}");
            }
        }
        Files.writeString(d.resolve("summary.json"), "{\"name\":\"fixture\",\"description\":\"a fixture\",\"seed\":3,"
                + "\"config\":{\"name\":\"fixture\"},\"versions\":{\"spark\":\"4.1.0\"},\"wallSeconds\":2.0,\"series\":["
                + series + "]}");
        return d;
    }

    static int run(String... args) {
        final String[] line = new String[args.length + 1];
        line[0] = "report";
        System.arraycopy(args, 0, line, 1, args.length);
        return Main.run(line, null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void writesPlotsSvgAndHtmlForEachPanel() throws Exception {
        final Path out = tmp.resolve("report");
        assertEquals(0, run("--in", fixture(tmp).toString(), "--out", out.toString()));
        // files named by the panel's swept value, not by its position
        for (String stem : new String[] {"fixture-normalization-none-loss",
            "fixture-normalization-theorem_perRun-true-loss", "fixture-normalization-theorem_perRun-true-lr"}) {
            final BufferedImage img = ImageIO.read(out.resolve(stem + ".png").toFile());
            assertEquals(Plots.WIDTH, img.getWidth(), stem);
            assertEquals(Plots.HEIGHT, img.getHeight(), stem);
            final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
            final var doc = f.newDocumentBuilder().parse(out.resolve(stem + ".svg").toFile());
            assertEquals("svg", doc.getDocumentElement().getNodeName());
        }
        final String svg = Files.readString(out.resolve("fixture-normalization-none-loss.svg"));
        assertTrue(svg.contains("σ₁\u00a0=\u00a00.1") && svg.contains("σ₁\u00a0=\u00a03.0 (50/50 diverged)"), "legend in the SVG");
        assertTrue(svg.contains("normalization: none"), "panel title names the swept parameter");
        // the rate of the first panel is flat: no chart, the page says so
        assertFalse(Files.exists(out.resolve("fixture-normalization-none-lr.png")));
        final String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("is constant, 0.01, so it is not drawn"));
        for (int s = 0; s < 4; s++) {
            assertTrue(html.contains("VERDICT-" + s), "checks row " + s);
        }
        assertTrue(html.contains("a fixture"));
        ReportPageTest.check(out);
    }

    @Test
    void invalidInputExitsTwoAndWritesNothing() throws Exception {
        final Path out = tmp.resolve("never");
        assertEquals(2, run("--in", tmp.resolve("missing").toString(), "--out", out.toString()));
        final Path bad = fixture(tmp);
        Files.writeString(bad.resolve("metrics.csv"), "series,label,kind,optimizer,round,loss_mean\n0,a,optimizer,dsgd,x,1\n");
        assertEquals(2, run("--in", bad.toString(), "--out", out.toString()));
        assertEquals(2, run("--out", out.toString()));
        assertFalse(Files.exists(out));
    }

    /**
     * A SignSGD-on-a-quadratic result with coordinate moments: the report adds E[x_j] and Var[x_j]
     * charts and draws the theory (dotted: the SDE moments; dash-dot: the Lemma 3.5 bounds).
     */
    @Test
    void quadraticResultGetsMomentChartsAndTheoryLines() throws Exception {
        final Path d = tmp.resolve("quad");
        Files.createDirectories(d);
        final StringBuilder csv = new StringBuilder("series,label,kind,optimizer,round,time,lr,lr_min,lr_max,runs,"
                + "diverged,loss_mean,loss_std,loss_p05,loss_p50,loss_p95,grad_norm_sq_mean,grad_norm_mean,x1_mean,"
                + "x1_var,x2_mean,x2_var\n");
        for (String kind : new String[] {"optimizer", "sde"}) {
            for (int k = 0; k <= 1000; k += 100) {
                final double m = Math.exp(-k * 0.008);
                csv.append("0,base,").append(kind).append(",dsignsgd,").append(k).append(',').append(k * 0.001)
                        .append(",0.001,0.001,0.001,100,0,").append(1e-4 * m + 6e-5).append(",1e-5,1e-5,1e-5,2e-4,1,1,")
                        .append(0.01 * m).append(",3e-5,").append(0.01 * m * m).append(",1.5e-5\n");
            }
        }
        Files.writeString(d.resolve("metrics.csv"), csv.toString());
        Files.writeString(d.resolve("summary.json"), """
                {"name": "quad", "description": "", "seed": 1, "wallSeconds": 1, "versions": {},
                 "config": {"name": "quad", "runs": 100, "rounds": 1000, "optimizer": "dsignsgd", "agents": 1,
                            "eta": 0.001, "objective": {"type": "quadratic", "h": [1, 2]}, "x0": [0.01, 0.01],
                            "noise": {"type": "gaussian", "sigma0": 0.1}, "recordCoordinates": 2},
                 "series": [{"index": 0, "label": "base", "kind": "optimizer", "params": {}, "final": {}},
                            {"index": 0, "label": "base", "kind": "sde", "params": {}, "final": {}}]}
                """);
        final Path out = tmp.resolve("quad-report");
        // the input through the Hadoop FileSystem API, as an hdfs:// or s3a:// result would be read
        assertEquals(0, run("--in", d.toUri().toString(), "--out", out.toString()));
        for (String stem : new String[] {"quad-loss", "quad-mean", "quad-var"}) {
            assertTrue(Files.size(out.resolve(stem + ".png")) > 10_000, stem);
            assertTrue(Files.isRegularFile(out.resolve(stem + ".svg")), stem);
        }
        final String loss = Files.readString(out.resolve("quad-loss.svg"));
        assertTrue(loss.contains("dasharray:2.0,6.0"), "dotted SDE-moment prediction");
        assertTrue(loss.contains("dasharray:14.0,5.0,2.0,5.0"), "dash-dot Lemma 3.5 bound");
        assertTrue(loss.contains("Lemma 3.5 Phase 3 bound"), "the subtitle names the bound");
        final String mean = Files.readString(out.resolve("quad-mean.svg"));
        assertTrue(mean.contains("dasharray:2.0,6.0"), "dotted Lemma 3.7 mean");
        assertTrue(Files.readString(out.resolve("index.html")).contains("quad-var.svg"));
        assertFalse(Files.exists(out.resolve("quad-lr.png")), "a constant rate is not drawn");
        ReportPageTest.check(out);
    }
}
