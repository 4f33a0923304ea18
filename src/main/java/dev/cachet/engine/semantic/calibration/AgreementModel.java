package dev.cachet.engine.semantic.calibration;

/**
 * P(the cached answer is right for the new query | cosine s), learned from labelled lookups: a
 * logistic regression on {@code [1, x, x²]} with {@code x = (s - 0.9) · 20}, a weak Gaussian prior,
 * fitted by Newton's method on the binned counts; the posterior is approximated by a Gaussian at the
 * mode (Laplace). The quadratic term lets the curve flatten where labels say it does (near-duplicate
 * questions labelled different keep the top of the curve below 1 in some domains) instead of
 * forcing one slope over the whole range.
 */
public final class AgreementModel {

    static final int DIM = 3;
    private static final double[] PRIOR_MEAN = {0, 1, 0};
    private static final double[] PRIOR_SD = {3, 3, 1};

    /** The fitted curve: posterior mean and the lower-triangular Cholesky factor of its covariance. */
    public record Posterior(double[] mean, double[][] choleskyCov) {

        /** P(agree) at {@code score} for parameters {@code theta}. */
        public static double agree(double[] theta, double score) {
            double x = (score - 0.9) * 20;
            return sigmoid(theta[0] + theta[1] * x + theta[2] * x * x);
        }

        /** Parameters {@code mean + L·z} for a standard-normal vector {@code z}. */
        double[] draw(double[] z) {
            double[] t = mean.clone();
            for (int i = 0; i < DIM; i++) for (int j = 0; j <= i; j++) t[i] += choleskyCov[i][j] * z[j];
            return t;
        }
    }

    private AgreementModel() { }

    /**
     * Fits the model to per-bin label counts.
     *
     * @param agree    labelled "same answer" lookups per {@link ScoreBins bin}
     * @param disagree labelled "different answer" lookups per bin
     */
    public static Posterior fit(double[] agree, double[] disagree) {
        double[] theta = PRIOR_MEAN.clone();
        double[][] hessian = null;
        for (int iter = 0; iter < 60; iter++) {
            double[] grad = new double[DIM];
            hessian = new double[DIM][DIM];
            accumulate(theta, agree, disagree, grad, hessian);
            double[] step = solve(negate(hessian), grad);  // Newton: theta + (-H)^-1 g
            double current = logPosterior(theta, agree, disagree);
            double a = 1;
            double[] next = add(theta, step, a);
            while (a > 1e-8 && logPosterior(next, agree, disagree) < current - 1e-12) {
                a /= 2;
                next = add(theta, step, a);
            }
            double moved = 0;
            for (int i = 0; i < DIM; i++) moved = Math.max(moved, Math.abs(next[i] - theta[i]));
            theta = next;
            if (moved < 1e-7) break;
        }
        double[] grad = new double[DIM];
        hessian = new double[DIM][DIM];
        accumulate(theta, agree, disagree, grad, hessian);
        double[][] cov = inverse(negate(hessian));
        return new Posterior(theta, cholesky(cov));
    }

    /** Adds the log-posterior's gradient and Hessian at {@code theta} into the given arrays. */
    private static void accumulate(double[] theta, double[] agree, double[] disagree, double[] grad, double[][] hessian) {
        for (int i = 0; i < DIM; i++) {
            grad[i] -= (theta[i] - PRIOR_MEAN[i]) / (PRIOR_SD[i] * PRIOR_SD[i]);
            hessian[i][i] -= 1 / (PRIOR_SD[i] * PRIOR_SD[i]);
        }
        for (int b = 0; b < agree.length; b++) {
            double n = agree[b] + disagree[b];
            if (n == 0) continue;
            double[] f = features(ScoreBins.centre(b));
            double p = sigmoid(dot(theta, f));
            double w = n * p * (1 - p);
            for (int i = 0; i < DIM; i++) {
                grad[i] += (agree[b] - n * p) * f[i];
                for (int j = 0; j < DIM; j++) hessian[i][j] -= w * f[i] * f[j];
            }
        }
    }

    private static double logPosterior(double[] theta, double[] agree, double[] disagree) {
        double lp = 0;
        for (int i = 0; i < DIM; i++) {
            double d = (theta[i] - PRIOR_MEAN[i]) / PRIOR_SD[i];
            lp -= 0.5 * d * d;
        }
        for (int b = 0; b < agree.length; b++) {
            double n = agree[b] + disagree[b];
            if (n == 0) continue;
            double z = dot(theta, features(ScoreBins.centre(b)));
            lp += agree[b] * z - n * softplus(z);
        }
        return lp;
    }

    static double[] features(double score) {
        double x = (score - 0.9) * 20;
        return new double[] {1, x, x * x};
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double softplus(double z) { return z > 30 ? z : Math.log1p(Math.exp(z)); }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] add(double[] a, double[] step, double scale) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] + scale * step[i];
        return out;
    }

    private static double[][] negate(double[][] m) {
        double[][] out = new double[DIM][DIM];
        for (int i = 0; i < DIM; i++) for (int j = 0; j < DIM; j++) out[i][j] = -m[i][j];
        return out;
    }

    /** Solves {@code m · x = v} for a symmetric positive-definite {@code m}. */
    private static double[] solve(double[][] m, double[] v) {
        double[][] l = cholesky(m);
        double[] y = new double[DIM];
        for (int i = 0; i < DIM; i++) {
            double s = v[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * y[k];
            y[i] = s / l[i][i];
        }
        double[] x = new double[DIM];
        for (int i = DIM - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < DIM; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }

    private static double[][] inverse(double[][] m) {
        double[][] out = new double[DIM][DIM];
        for (int j = 0; j < DIM; j++) {
            double[] e = new double[DIM];
            e[j] = 1;
            double[] col = solve(m, e);
            for (int i = 0; i < DIM; i++) out[i][j] = col[i];
        }
        return out;
    }

    private static double[][] cholesky(double[][] m) {
        double[][] l = new double[DIM][DIM];
        for (int i = 0; i < DIM; i++) {
            for (int j = 0; j <= i; j++) {
                double s = m[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) l[i][i] = Math.sqrt(Math.max(s, 1e-12));
                else l[i][j] = s / l[j][j];
            }
        }
        return l;
    }
}
