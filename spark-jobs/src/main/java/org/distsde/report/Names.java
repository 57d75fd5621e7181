package org.distsde.report;

import java.util.Set;

/** File stems and page anchors from names and series labels: sanitised, short, unique. */
final class Names {
    private Names() { }

    /**
     * A name as a file stem and page anchor: letters, digits, '.', '_' and '-' kept, '=' as '-', every
     * other run of characters one '_' ("noise.sigma1=3.0 normalization: theorem, perRun = true" is
     * noise.sigma1-3.0_normalization_theorem_perRun-true), at most 80 characters.
     */
    static String safe(String s) {
        String t = s.replace('\u00a0', ' ').replaceAll("\\s*=\\s*", "-").replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[_.-]+|[_.-]+$", "");
        if (t.length() > 80) {
            t = t.substring(0, 80).replaceAll("[_.-]+$", "");
        }
        return t.isEmpty() ? "x" : t;
    }

    /**
     * A series label ("schedule={\"type\":\"power\",\"theta\":0.5} noise.sigma=0.25") as a stem:
     * each swept field by its last segment, a JSON object by its type and other fields
     * (schedule-power_theta-0.5_sigma-0.25).
     */
    static String ofLabel(String label) {
        final StringBuilder b = new StringBuilder();
        for (String part : label.split(" (?=[\\w.]+=)")) {
            final int eq = part.indexOf('=');
            final String k = eq < 0 ? part : ExperimentCharts.leaf(part.substring(0, eq));
            String v = eq < 0 ? "" : part.substring(eq + 1);
            if (v.startsWith("{")) {
                v = v.replaceAll("\"type\"\\s*:\\s*\"([^\"]*)\"", "$1").replaceAll("[{}\"]", "").replace(':', '-');
            }
            b.append(b.length() == 0 ? "" : "_").append(k).append(v.isEmpty() ? "" : "-" + v);
        }
        return safe(b.toString());
    }

    /** {@code id}, or id-2, id-3 … whichever {@code taken} does not hold yet; adds it. */
    static String unique(Set<String> taken, String id) {
        String u = id;
        for (int i = 2; !taken.add(u); i++) {
            u = id + "-" + i;
        }
        return u;
    }
}
