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
        String t = s.replaceAll("\\s*=\\s*", "-").replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[_.-]+|[_.-]+$", "");
        if (t.length() > 80) {
            t = t.substring(0, 80).replaceAll("[_.-]+$", "");
        }
        return t.isEmpty() ? "x" : t;
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
