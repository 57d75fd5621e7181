package org.distsde.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.distsde.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The page as a reader's browser meets it: parsed as XML (the renderer writes XHTML), every link and
 * source resolves (a file the report wrote, an anchor on the page or a data: URI; nothing on the
 * network), and every chart the report wrote is on the page as an inline SVG.
 */
public class ReportPageTest {
    static final String SVG = "http://www.w3.org/2000/svg";

    @TempDir
    Path tmp;

    /** Checks the index.html of a report directory. */
    public static void check(Path out) throws Exception {
        final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // offline
        final Document doc = f.newDocumentBuilder().parse(out.resolve("index.html").toFile());
        final Set<String> ids = new HashSet<>();
        final NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            final String id = ((Element) all.item(i)).getAttribute("id");
            if (!id.isEmpty()) {
                assertTrue(ids.add(id), "id used twice: " + id);
            }
        }
        int links = 0;
        for (int i = 0; i < all.getLength(); i++) {
            final NamedNodeMap attrs = all.item(i).getAttributes();
            for (int j = 0; j < attrs.getLength(); j++) {
                final Node a = attrs.item(j);
                final String name = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
                if (!name.equals("href") && !name.equals("src")) {
                    continue;
                }
                final String v = a.getNodeValue();
                links++;
                if (v.startsWith("#")) {
                    assertTrue(ids.contains(v.substring(1)), "anchor " + v + " is on the page");
                } else if (!v.startsWith("data:")) {
                    assertFalse(v.contains(":") || v.startsWith("/"), "only relative files: " + v);
                    assertTrue(Files.isRegularFile(out.resolve(v)), "the report wrote " + v);
                }
            }
        }
        assertTrue(links > 0);
        assertEquals(0, doc.getElementsByTagName("script").getLength(), "no scripts");
        assertEquals(0, doc.getElementsByTagName("link").getLength(), "no linked style sheets");
        // every chart file is on the page, inline, and every figure on the page has its files
        final Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(out)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".svg"))
                    .forEach(n -> files.add(n.substring(0, n.length() - 4)));
        }
        final Set<String> figures = new TreeSet<>();
        final NodeList figs = doc.getElementsByTagName("figure");
        for (int i = 0; i < figs.getLength(); i++) {
            final Element fig = (Element) figs.item(i);
            final String stem = fig.getAttribute("data-chart");
            figures.add(stem);
            final NodeList svg = fig.getElementsByTagNameNS(SVG, "svg");
            assertEquals(1, svg.getLength(), "figure " + stem + " embeds its chart");
            assertTrue(((Element) svg.item(0)).getElementsByTagNameNS(SVG, "path").getLength() > 5,
                    "the embedded chart of " + stem + " is drawn");
            assertTrue(Files.isRegularFile(out.resolve(stem + ".png")), stem + ".png");
        }
        assertFalse(figures.isEmpty());
        assertEquals(files, figures, "every chart written is embedded, and only those");
    }

    /** A converge directory beside a simulate one: the study's charts and fitted orders are on the page. */
    @Test
    void convergeStudyIsOnThePage() throws Exception {
        final Path conv = Files.createDirectories(tmp.resolve("conv"));
        final StringBuilder dt = new StringBuilder("series,label,level,dt,statistic,value,error_vs_finest,diff_to_next,"
                + "diff_se,order,order_lo,order_hi\n");
        for (int l = 0; l < 4; l++) {
            final double h = 0.05 / (1 << l);
            dt.append("0,\"base\",").append(l).append(',').append(h).append(",loss_mean,0.3,0,").append(l < 3 ? h / 5 : "")
                    .append(',').append(l < 3 ? 1e-5 : "").append(",0.98,0.97,0.99\n");
        }
        Files.writeString(conv.resolve("converge-dt.csv"), dt.toString());
        final StringBuilder eta = new StringBuilder("series,label,eta,rounds,optimizer_loss,optimizer_se,sde_loss,sde_se,"
                + "sde_dt,weak_error,weak_error_se,order,order_lo,order_hi\n");
        for (int l = 0; l < 3; l++) {
            final double e = 0.05 / (1 << l);
            eta.append("0,\"base\",").append(e).append(",20,0.3,1e-4,0.3,1e-4,0.01,").append(e / 3)
                    .append(",1e-4,1.02,0.90,1.14\n");
        }
        Files.writeString(conv.resolve("converge-eta.csv"), eta.toString());
        final Path res = ReportCommandTest.fixture(tmp);
        final Path out = tmp.resolve("report");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"report", "--in", res.toString(), "--in", conv.toString(), "--out",
            out.toString(), "--title", "A & B <report>"}, null, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString());
        check(out);
        final String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<title>A &amp; B &lt;report&gt;</title>"));
        assertTrue(html.contains("0.98 [0.97, 0.99]") && html.contains("1.02 [0.90, 1.14]"), "fitted orders in the overview");
        assertTrue(Files.isRegularFile(out.resolve("conv-dt.svg")) && Files.isRegularFile(out.resolve("conv-eta.svg")));
        // the first screen: the overview links every series to its panel
        assertTrue(html.indexOf("id=\"overview\"") < html.indexOf("<figure"), "the overview comes before the charts");
        assertTrue(html.contains("href=\"#fixture-normalization-none-p\"")
                && html.contains("href=\"#fixture-normalization-theorem_perRun-true-p\""));
        // and the check notices a file the page links to that is not there
        Files.delete(out.resolve("conv-eta.png"));
        assertThrows(AssertionError.class, () -> check(out));
    }
}
