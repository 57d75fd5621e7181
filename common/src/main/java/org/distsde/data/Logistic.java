package org.distsde.data;

/** The binary cross-entropy with logits, in forms that neither overflow nor lose precision. */
final class Logistic {
    private Logistic() { }

    /** log(1 + eᶻ) = max(z, 0) + log1p(e^{−|z|}). */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** σ(z) = 1/(1 + e^{−z}), evaluated with e^{−|z|} only. */
    static double sigmoid(double z) {
        final double e = Math.exp(-Math.abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /** ℓ(z; y) = log(1 + eᶻ) − y·z, the loss of logit z for label y ∈ {0, 1}. */
    static double loss(double z, double y) {
        return softplus(z) - y * z;
    }

    /** Throws unless every label is 0 or 1. */
    static void checkBinary(Dataset data, String model) {
        for (int i = 0; i < data.rows(); i++) {
            final double y = data.label(i);
            if (y != 0 && y != 1) {
                throw new IllegalArgumentException(model + ": labels must be 0 or 1 (row " + i + " has " + y
                        + "); recode the label column");
            }
        }
    }
}
