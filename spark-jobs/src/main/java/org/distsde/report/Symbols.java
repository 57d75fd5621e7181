package org.distsde.report;

import java.util.Map;

/**
 * The papers' symbols for config names in labels, legends and facts: {@code noise.sigma1} is σ₁,
 * {@code nu} ν, {@code compression.omega} ω, {@code eta} η, {@code agents} N, and so on; names
 * without a symbol are shown as they are (their last path segment).
 */
final class Symbols {
    private static final Map<String, String> LEAF = Map.ofEntries(
            Map.entry("sigma0", "σ₀"), Map.entry("sigma1", "σ₁"), Map.entry("sigma", "σ"), Map.entry("nu", "ν"),
            Map.entry("alpha", "α"), Map.entry("omega", "ω"), Map.entry("eta", "η"), Map.entry("theta", "θ"),
            Map.entry("beta1", "β₁"), Map.entry("beta2", "β₂"), Map.entry("epsilon", "ε"), Map.entry("agents", "N"),
            Map.entry("dt", "Δt"), Map.entry("lambda", "λ"), Map.entry("xi", "ξ"), Map.entry("h", "H"),
            Map.entry("x0", "x₀"), Map.entry("l0", "L₀"), Map.entry("l1", "L₁"), Map.entry("agentNus", "νᵢ"),
            Map.entry("agentAlphas", "αᵢ"), Map.entry("agentOmegas", "ωᵢ"), Map.entry("rounds", "K"),
            Map.entry("runs", "R"));

    private Symbols() { }

    /** The symbol of a config path's last segment (the segment before it when the last is "type"). */
    static String of(String path) {
        final String[] parts = path.split("\\.");
        final String last = parts[parts.length - 1];
        final String leaf = last.equals("type") && parts.length > 1 ? parts[parts.length - 2] : last;
        return LEAF.getOrDefault(leaf, leaf);
    }

    /** ASCII notation in a free text (a subtitle written for a terminal) in the papers' symbols. */
    static String text(String s) {
        return s.replace("E||grad f||^2", "E‖∇f‖²").replace("||grad f||", "‖∇f‖").replace("grad f", "∇f")
                .replaceAll("\\bsigma1\\b", "σ₁").replaceAll("\\bsigma0\\b", "σ₀").replaceAll("\\bsigma\\b", "σ")
                .replaceAll("\\bepsilon\\b", "ε").replaceAll("\\bomega\\b", "ω").replaceAll("\\beta\\b", "η")
                .replaceAll("\\bdt0\\b", "Δt₀").replaceAll("\\bdt\\b", "Δt").replace("<=", "≤").replace(">=", "≥")
                .replace("+-", "±").replace("^2", "²");
    }
}
