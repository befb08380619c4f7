package dev.distillwatch.simulator.baseline;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The Shapiro-Wilk W statistic of normality, with the coefficients of Royston's approximation:
 * P. Royston, "Remark AS R94: A remark on algorithm AS 181: the W-test for normality", Applied
 * Statistics 44(4), 1995 — the algorithm of R's {@code shapiro.test} and SciPy's
 * {@code scipy.stats.shapiro}, whose values the tests check against.
 *
 * <p>W is in (0, 1]; values well below 1 reject normality. Valid for 3 to 5,000 observations.
 */
public final class ShapiroWilk {
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
  private static final double[] C1 = {0.0, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056};
  private static final double[] C2 = {0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633};

  /** Coefficients by sample size, computed once: they depend on n alone. */
  private static final AtomicReferenceArray<double[]> COEFFICIENTS = new AtomicReferenceArray<>(5001);

  private ShapiroWilk() {}

  /**
   * The W statistic of {@code values[0..n)}; 1 when all values are equal (no spread to test).
   *
   * @throws IllegalArgumentException unless 3 &lt;= n &lt;= 5000
   */
  public static double w(double[] values, int n) {
    if (n < 3 || n > 5000) {
      throw new IllegalArgumentException("Shapiro-Wilk needs 3 to 5000 values, got " + n);
    }
    double[] x = Arrays.copyOf(values, n);
    Arrays.sort(x);
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    if (!(ss > 1e-300 * n) || x[n - 1] - x[0] < 1e-12 * Math.max(1.0, Math.abs(mean))) {
      return 1.0;
    }
    double[] a = COEFFICIENTS.get(n);
    if (a == null) {
      a = coefficients(n);
      COEFFICIENTS.set(n, a);
    }
    double b = 0;
    for (int i = 0; i < n / 2; i++) {
      b += a[i] * (x[n - 1 - i] - x[i]);
    }
    return Math.min(1.0, b * b / ss);
  }

  /** The coefficients a_1..a_{n/2} for the largest-minus-smallest differences, AS R94. */
  static double[] coefficients(int n) {
    int half = n / 2;
    double[] a = new double[half];
    if (n == 3) {
      a[0] = Math.sqrt(0.5);
      return a;
    }
    double[] m = new double[half]; // lower-half normal scores, negative
    double summ2 = 0;
    for (int i = 0; i < half; i++) {
      m[i] = NORMAL.inverseCumulativeProbability((i + 1 - 0.375) / (n + 0.25));
      summ2 += m[i] * m[i];
    }
    summ2 *= 2;
    double ssumm2 = Math.sqrt(summ2);
    double rsn = 1.0 / Math.sqrt(n);
    double a1 = poly(C1, rsn) - m[0] / ssumm2;
    int first;
    double fac;
    if (n > 5) {
      first = 2;
      double a2 = -m[1] / ssumm2 + poly(C2, rsn);
      fac = Math.sqrt((summ2 - 2 * m[0] * m[0] - 2 * m[1] * m[1]) / (1 - 2 * a1 * a1 - 2 * a2 * a2));
      a[1] = a2;
    } else {
      first = 1;
      fac = Math.sqrt((summ2 - 2 * m[0] * m[0]) / (1 - 2 * a1 * a1));
    }
    a[0] = a1;
    for (int i = first; i < half; i++) {
      a[i] = -m[i] / fac;
    }
    return a;
  }

  /** The polynomial c[0] + c[1] x + ... + c[5] x^5, as in AS R94's {@code poly}. */
  private static double poly(double[] c, double x) {
    double p = c[c.length - 1];
    for (int j = c.length - 2; j >= 0; j--) {
      p = p * x + c[j];
    }
    return p;
  }
}
