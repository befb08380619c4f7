package dev.distillwatch.simulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void rocAucCountsTiesAsHalf() {
    assertThat(Metrics.rocAuc(new double[] {0.9, 0.1}, new boolean[] {true, false})).isEqualTo(1.0);
    assertThat(Metrics.rocAuc(new double[] {0.1, 0.9}, new boolean[] {true, false})).isEqualTo(0.0);
    assertThat(Metrics.rocAuc(new double[] {0.5, 0.5}, new boolean[] {true, false})).isEqualTo(0.5);
    // P: 0.8, 0.5; N: 0.5, 0.2 -> (1 + 1) + (0.5 + 1) = 3.5 of 4
    assertThat(Metrics.rocAuc(new double[] {0.8, 0.5, 0.5, 0.2}, new boolean[] {true, true, false, false}))
        .isCloseTo(0.875, within(1e-12));
    assertThat(Metrics.rocAuc(new double[] {0.3}, new boolean[] {true})).isNaN();
  }

  @Test
  void averagePrecisionGroupsTies() {
    assertThat(Metrics.averagePrecision(new double[] {0.9, 0.8, 0.1}, new boolean[] {true, true, false})).isEqualTo(1.0);
    // 0.9 N, 0.8 P, 0.1 P: (1/2 + 2/3) / 2
    assertThat(Metrics.averagePrecision(new double[] {0.9, 0.8, 0.1}, new boolean[] {false, true, true}))
        .isCloseTo((0.5 + 2.0 / 3) / 2, within(1e-12));
    // one tie group of 1 P and 3 N: precision 1/4
    assertThat(Metrics.averagePrecision(new double[] {0, 0, 0, 0}, new boolean[] {false, true, false, false}))
        .isCloseTo(0.25, within(1e-12));
    assertThat(Metrics.averagePrecision(new double[] {0.2}, new boolean[] {false})).isNaN();
  }

  @Test
  void quantilesAreNearestRank() {
    long[] v = {7, 1, 3, 9, 5, 2, 8, 4, 6, 10};
    assertThat(Metrics.quantile(v.clone(), 10, 0.5)).isEqualTo(5);
    assertThat(Metrics.quantile(v.clone(), 10, 0.95)).isEqualTo(10);
    assertThat(Metrics.quantile(v.clone(), 10, 0.9)).isEqualTo(9);
    assertThat(Metrics.quantile(new long[] {42}, 1, 0.95)).isEqualTo(42);
    assertThat(Metrics.quantile(new long[] {3, 1, 99}, 2, 0.5)).isEqualTo(1); // only the first n count
    assertThat(Metrics.quantile(new long[0], 0, 0.5)).isNaN();
  }
}
