package org.distsde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.distsde.io.ResultTable;
import org.junit.jupiter.api.Test;

/**
 * README.md and docs/*.md stay true: every relative link (file, image, anchor) resolves, every
 * "Usage: distsde …" block is that command's --help verbatim and every command's help is shown
 * somewhere, every repository file they name exists, the metrics header they quote is the
 * table's, and every gallery image is shown. A link to a document that does not exist yet must be
 * marked "(planned)" right after it, and the mark must go once the document exists.
 */
class DocsTest {
    /** The repository root (surefire runs in spark-jobs/). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Files the commands write (named in the docs, never in the repository). */
    static final Set<String> OUTPUT_FILES = Set.of("summary.json", "fit.json", "frontier.json", "verify.json");
    /** The README tour's own config, which the reader writes. */
    static final Set<String> READER_FILES = Set.of("my-dsgd.json");

    record Doc(Path path, String text) {
        String name() {
            return ROOT.relativize(path).toString();
        }
    }

    static List<Doc> docs() throws IOException {
        final List<Doc> d = new ArrayList<>();
        d.add(new Doc(ROOT.resolve("README.md"), Files.readString(ROOT.resolve("README.md"))));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                d.add(new Doc(p, Files.readString(p)));
            }
        }
        return d;
    }

    /** The text with fenced code blocks blanked (line structure kept). */
    static String withoutFences(String md) {
        final StringBuilder b = new StringBuilder();
        boolean fence = false;
        for (String line : md.split("\n", -1)) {
            final boolean marker = line.stripLeading().startsWith("```");
            b.append(fence || marker ? "" : line).append('\n');
            if (marker) {
                fence = !fence;
            }
        }
        return b.toString();
    }

    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

    /** Prose only: fences blanked, and inside code spans the characters of link syntax neutralised. */
    static String prose(String md) {
        final Matcher m = CODE_SPAN.matcher(withoutFences(md));
        final StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(2).replaceAll("[\\[\\]()]", " ")));
        }
        return m.appendTail(b).toString();
    }

    /**
     * GitHub's anchor of a heading: lower case, link syntax reduced to its text, every character
     * other than a letter, a digit, '-' or '_' dropped, spaces turned into '-'.
     */
    static String slug(String heading) {
        final String s = heading.strip().toLowerCase(Locale.ROOT).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        final StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                b.appendCodePoint(c);
            } else if (c == ' ') {
                b.append('-');
            }
        });
        return b.toString();
    }

    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    /** The anchors of a Markdown file's headings, duplicates numbered as GitHub does (-1, -2, …). */
    static Set<String> anchors(String md) {
        final Set<String> out = new LinkedHashSet<>();
        final Map<String, Integer> seen = new HashMap<>();
        final Matcher m = HEADING.matcher(withoutFences(md));
        while (m.find()) {
            final String s = slug(m.group(1));
            final int n = seen.merge(s, 1, Integer::sum) - 1;
            out.add(n == 0 ? s : s + "-" + n);
        }
        return out;
    }

    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)( \\(planned\\))?");

    record Link(Doc from, String target, boolean planned) { }

    static List<Link> links(Doc d) {
        final List<Link> out = new ArrayList<>();
        final Matcher m = LINK.matcher(prose(d.text()));
        while (m.find()) {
            out.add(new Link(d, m.group(2), m.group(3) != null));
        }
        return out;
    }

    /** What is wrong with one link; null when it resolves. */
    static String problem(Link l) throws IOException {
        final String t = l.target();
        if (t.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) { // http:, https:, mailto: — not checked here
            return null;
        }
        final int hash = t.indexOf('#');
        final String file = hash < 0 ? t : t.substring(0, hash);
        final String anchor = hash < 0 ? null : t.substring(hash + 1);
        final Path target = file.isEmpty() ? l.from().path() : l.from().path().getParent().resolve(file).normalize();
        final String where = l.from().name() + ": (" + t + ")";
        if (!target.startsWith(ROOT)) {
            return where + " leaves the repository";
        }
        if (!Files.exists(target)) {
            if (l.planned() && anchor == null) {
                return null;
            }
            return where + ": no file " + ROOT.relativize(target)
                    + (l.planned() ? "" : " (a document still to come is marked '(planned)' after its link)");
        }
        if (l.planned()) {
            return where + ": " + ROOT.relativize(target) + " exists now: remove '(planned)'";
        }
        if (anchor != null) {
            if (!target.toString().endsWith(".md")) {
                return where + ": an anchor into a file that is not Markdown";
            }
            if (!anchors(Files.readString(target)).contains(anchor)) {
                return where + ": no heading with anchor #" + anchor + " in " + ROOT.relativize(target);
            }
        }
        return null;
    }

    /** Catches: a moved or renamed doc, image or heading, a typo in an anchor, a planned doc that landed. */
    @Test
    void everyRelativeLinkResolves() throws IOException {
        final List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Doc d : docs()) {
            for (Link l : links(d)) {
                checked++;
                final String p = problem(l);
                if (p != null) {
                    problems.add(p);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked > 100, "links found: " + checked);
    }

    /** The check itself: a broken file, anchor or image link is reported, a good one and a planned one are not. */
    @Test
    void theLinkCheckCatchesBrokenLinks() throws IOException {
        final Doc readme = new Doc(ROOT.resolve("README.md"), "");
        assertEquals(null, problem(new Link(readme, "docs/config.md#sweep", false)));
        assertEquals(null, problem(new Link(readme, "docs/no-such-doc.md", true)));
        assertTrue(problem(new Link(readme, "docs/no-such-doc.md", false)).contains("no file docs/no-such-doc.md"));
        assertTrue(problem(new Link(readme, "docs/config.md#no-such-heading", false)).contains("no heading"));
        assertTrue(problem(new Link(readme, "docs/gallery/no-such.png", false)).contains("no file"));
        assertTrue(problem(new Link(readme, "docs/config.md", true)).contains("remove '(planned)'"));
        assertTrue(problem(new Link(readme, "../outside.md", false)).contains("leaves the repository"));
        assertEquals(Set.of("a-b", "a-b-1", "overriding-fields---set", "local-embedded-spark-local", "figuressh"),
                anchors("# A b\n## A, b\n```\n# not a heading\n```\n### Overriding fields: `--set`\n"
                        + "## Local (embedded Spark, `local[*]`)\n## figures.sh\n"));
    }

    private static final Pattern USAGE = Pattern.compile("```\\n(Usage: distsde( [\\w-]+)?[^`]*?)```");

    /** Catches: an option added, renamed or re-described in the CLI and not in the docs (or the reverse). */
    @Test
    void everyUsageBlockIsTheHelpOfItsCommandAndEveryCommandIsShown() throws IOException {
        final List<String> verbs = CliTest.verbs();
        final Set<String> seen = new TreeSet<>();
        for (Doc d : docs()) {
            final Matcher m = USAGE.matcher(d.text());
            while (m.find()) {
                final String verb = m.group(2) == null || !verbs.contains(m.group(2).strip()) ? null : m.group(2).strip();
                final CliTest.Result help = verb == null ? CliTest.run("--help") : CliTest.run(verb, "--help");
                assertEquals(help.out(), m.group(1), d.name() + ": the usage block of " + (verb == null ? "distsde" : verb));
                seen.add(verb == null ? "distsde" : verb);
            }
        }
        final Set<String> all = new TreeSet<>(verbs);
        all.add("distsde");
        assertEquals(all, seen, "README.md and docs/ show the --help of every command");
    }

    private static final Pattern REPO_PATH = Pattern.compile(
            "(?<![\\w./<>-])((?:conf|submit-scripts|bench|docs|common|spark-jobs)/[\\w./*<>-]*[\\w*/])");
    private static final Pattern BARE_JSON = Pattern.compile("`([\\w.-]+\\.json)`");

    /** Catches: a config, script or source folder renamed or removed while the docs still name it. */
    @Test
    void everyFileTheyNameExists() throws IOException {
        final List<String> problems = new ArrayList<>();
        for (Doc d : docs()) {
            // link targets are the link check's (relative to the page); a planned document's link names a file to come
            final String text = d.text().replaceAll("!?\\[[^\\]]*\\]\\([^)]*\\) \\(planned\\)", "")
                    .replaceAll("\\]\\([^)\\s]*\\)", "]()");
            final Matcher m = REPO_PATH.matcher(text);
            while (m.find()) {
                final String p = m.group(1);
                if (p.contains("...") || p.contains("<") || p.contains("/target/")) { // placeholders, build outputs
                    continue;
                }
                if (!exists(p)) {
                    problems.add(d.name() + ": " + p);
                }
            }
            final Matcher j = BARE_JSON.matcher(text);
            while (j.find()) {
                final String f = j.group(1);
                if (!OUTPUT_FILES.contains(f) && !READER_FILES.contains(f) && !Files.isRegularFile(ROOT.resolve("conf").resolve(f))) {
                    problems.add(d.name() + ": conf/" + f);
                }
            }
        }
        assertEquals(List.of(), problems);
        assertFalse(exists("conf/no-such-config.json"));
        assertTrue(exists("conf/seed000-fig5-*.json"));
    }

    /** A path relative to the repository root, or a glob of file names in one folder. */
    static boolean exists(String p) throws IOException {
        if (!p.contains("*")) {
            return Files.exists(ROOT.resolve(p));
        }
        final Path dir = ROOT.resolve(p.substring(0, p.lastIndexOf('/')));
        final PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + p.substring(p.lastIndexOf('/') + 1));
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> glob.matches(f.getFileName()));
        }
    }

    /** Catches: a column added, removed or moved in the metrics table while the docs keep the old order. */
    @Test
    void theMetricsHeaderQuotedIsTheTables() throws IOException {
        final Pattern block = Pattern.compile("```csv\\n(series,label,kind[^\\n]*)\\n```");
        int found = 0;
        for (Doc d : docs()) {
            final Matcher m = block.matcher(d.text());
            while (m.find()) {
                assertEquals(String.join(",", new ResultTable().header()), m.group(1), d.name());
                found++;
            }
        }
        assertEquals(1, found, "docs/outputs.md quotes the metrics header once");
    }

    /** Catches: a plot added to docs/gallery/ that no page shows, or one left behind. */
    @Test
    void everyGalleryImageIsShown() throws IOException {
        final Set<Path> shown = new TreeSet<>();
        for (Doc d : docs()) {
            for (Link l : links(d)) {
                shown.add(d.path().getParent().resolve(l.target()).normalize());
            }
        }
        final List<String> unshown = new ArrayList<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("docs/gallery"))) {
            s.sorted().filter(p -> !shown.contains(p)).forEach(p -> unshown.add(ROOT.relativize(p).toString()));
        }
        assertEquals(List.of(), unshown);
    }
}
