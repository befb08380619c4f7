package dev.distillwatch.sketches;

import static org.assertj.core.api.Assertions.assertThat;

import org.hipparchus.stat.inference.AlternativeHypothesis;
import org.hipparchus.stat.inference.BinomialTest;

/** Statistical assertions in the style of hash4j's tests. */
public final class StatAsserts {
  /** Significance level: a correct implementation fails a check once in 10^4 runs. */
  public static final double ALPHA = 1e-4;

  private StatAsserts() {}

  /**
   * Asserts that {@code failures} out of {@code trials} is consistent with a failure probability
   * of at most {@code statedFailureProbability} (one-sided binomial test at {@link #ALPHA}).
   */
  public static void assertFailureRateAtMost(int trials, int failures, double statedFailureProbability) {
    double pValue = new BinomialTest().binomialTest(
        trials, failures, statedFailureProbability, AlternativeHypothesis.GREATER_THAN);
    assertThat(pValue)
        .as("%d of %d outside the stated bound, stated failure probability %.4f", failures, trials,
            statedFailureProbability)
        .isGreaterThan(ALPHA);
  }
}
