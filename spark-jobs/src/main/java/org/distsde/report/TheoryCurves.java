package org.distsde.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.distsde.theory.QuadraticLimits;

/**
 * Closed-form theory drawn over a result, where the config is one of the reproduced experiments:
 * for seed 000, Figure 6 ({@code seed000-fig6-dsgd} / {@code -dsignsgd}), the asymptotic loss of
 * Lemma 3.6 (SGD) or Lemma 3.5 (SignSGD, Phase 3) for each series' σ.
 */
public final class TheoryCurves {
    /** A theory line. */
    public record Curve(String name, double[] x, double[] y) { }

    private TheoryCurves() { }

    /** What the dotted lines of this result are, or "" when there are none. */
    public static String describe(JsonNode summary) {
        final String name = summary == null ? "" : summary.path("name").asText();
        if (name.startsWith("seed000-fig6-dsgd")) {
            return "asymptotic loss of Lemma 3.6, ηTr(H)σ²/(4μ)";
        }
        if (name.startsWith("seed000-fig6-dsignsgd")) {
            return "asymptotic loss of Lemma 3.5 (Phase 3), ηTr(H)/(4μΔ)";
        }
        return "";
    }

    public static Optional<Curve> of(JsonNode summary, ResultData.Curve c) {
        if (describe(summary).isEmpty()) {
            return Optional.empty();
        }
        final JsonNode cfg = summary.path("config");
        final double eta = cfg.path("eta").asDouble();
        final JsonNode hn = cfg.path("objective").path("h");
        final double[] h = new double[hn.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = hn.get(i).asDouble();
        }
        double sigma = Double.NaN;
        for (JsonNode s : summary.path("series")) {
            if (s.path("index").asInt() == c.series()) {
                sigma = s.path("params").path("noise.sigma0").asDouble(Double.NaN);
            }
        }
        if (!Double.isFinite(sigma) || h.length == 0) {
            return Optional.empty();
        }
        final boolean sgd = summary.path("name").asText().startsWith("seed000-fig6-dsgd");
        final double limit = sgd ? QuadraticLimits.sgd(eta, h, sigma) : QuadraticLimits.signSgd(eta, h, sigma);
        final double[] x = c.column("round");
        return Optional.of(new Curve((sgd ? "Lemma 3.6" : "Lemma 3.5") + " limit, σ = " + sigma,
                new double[] {x[0], x[x.length - 1]}, new double[] {limit, limit}));
    }
}
