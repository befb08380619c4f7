package dev.distillwatch.simulator.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Values from SciPy 1.17 {@code scipy.stats.shapiro} (the same AS R94 algorithm as R). */
class ShapiroWilkTest {

  private static void check(double[] x, double expected) {
    assertThat(ShapiroWilk.w(x, x.length)).isCloseTo(expected, within(1e-6));
  }

  @Test
  void matchesScipyOnSmallSamples() {
    check(new double[] {1.0, 2.0, 4.0}, 0.9642857142857142);
    check(new double[] {2.1, 3.4, 1.9, 5.6, 2.2}, 0.8032970061274809);
    check(new double[] {0.1, 0.5, 0.4, 0.9, 3.2, 0.3}, 0.7031211980855285);
    check(new double[] {148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236}, 0.7888146948631716);
  }

  @Test
  void isNearOneForNormalDataAndLowForSkewedData() {
    check(new double[] {0.0012, 0.2987, -0.2741, -0.8906, -0.4547, -0.9916, 0.0601, 1.3402, -0.4922, -0.6205,
        0.4898, 0.3569, 0.1054, -0.9305, -0.0293, 0.6953, -1.3442, -0.4576, -1.9012, -1.2895}, 0.9921241695906077);
    check(new double[] {0.1976, 0.3484, 0.8836, 0.0751, 0.06, 1.2236, 0.7729, 2.196, 0.4752, 0.5213, 1.1808, 0.5265,
        0.0222, 0.2933, 1.0143, 0.6347, 1.3966, 0.0083, 0.9038, 0.2503, 0.3556, 3.0749, 1.4044, 3.7954, 1.7481, 2.243,
        0.1449, 0.3026, 0.2388, 1.1482, 1.2233, 0.1272, 0.3839, 1.0679, 0.0687, 0.0982, 0.8714, 1.874, 2.6964, 0.7061,
        1.3061, 0.7635, 0.9371, 0.1448, 2.495, 0.8843, 0.8752, 0.0264, 1.085, 1.0619}, 0.8671176728581275);
  }

  @Test
  void usesOnlyTheFirstNValuesAndHandlesConstantsAndBadSizes() {
    assertThat(ShapiroWilk.w(new double[] {1.0, 2.0, 4.0, 100.0}, 3)).isCloseTo(0.9642857142857142, within(1e-9));
    assertThat(ShapiroWilk.w(new double[] {5, 5, 5, 5}, 4)).isEqualTo(1.0);
    assertThatThrownBy(() -> ShapiroWilk.w(new double[] {1, 2}, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
