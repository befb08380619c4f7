package dev.distillwatch.simulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.distillwatch.simulator.Label;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Threshold selection at a reference's false-positive counts, on lists whose answer is known. */
class MatchedFprTest {
  private static final Label C = new Label(Label.Kind.CAMPAIGN, "camp");
  private static final Label B = new Label(Label.Kind.BENIGN, "benign");
  private static final Label H = new Label(Label.Kind.HARD, "classroom");

  // descending: 0.9 C, 0.8 B, 0.7 C, 0.6 H, 0.5 C, 0.3 B
  private static final double[] SCORES = {0.5, 0.8, 0.9, 0.3, 0.6, 0.7};
  private static final Label[] KINDS = {C, B, C, B, H, C};

  @Test
  void takesTheLowestThresholdWithinBothLimits() {
    OperatingPoint none = MatchedFpr.select(SCORES, KINDS, 0, 0);
    assertThat(none.threshold()).isEqualTo(0.9);
    assertThat(none.recall()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(none.benignFpr()).isZero();
    assertThat(none.hardNegativeFpr()).isZero();
    assertThat(none.stoppedBy()).isEqualTo("benign");

    OperatingPoint oneBenign = MatchedFpr.select(SCORES, KINDS, 1, 0);
    assertThat(oneBenign.threshold()).isEqualTo(0.7); // the hard negative at 0.6 stops it
    assertThat(oneBenign.recall()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(oneBenign.benignFpr()).isEqualTo(0.5);
    assertThat(oneBenign.hardNegativeFpr()).isZero();
    assertThat(oneBenign.stoppedBy()).isEqualTo("classroom");

    OperatingPoint both = MatchedFpr.select(SCORES, KINDS, 1, 1);
    assertThat(both.threshold()).isEqualTo(0.5); // the second benign user at 0.3 stops it
    assertThat(both.recall()).isEqualTo(1.0);
    assertThat(both.benignFpr()).isEqualTo(0.5);
    assertThat(both.hardNegativeFpr()).isEqualTo(1.0);

    OperatingPoint all = MatchedFpr.select(SCORES, KINDS, 2, 1);
    assertThat(all.threshold()).isEqualTo(0.3);
    assertThat(all.benignFpr()).isEqualTo(1.0);
    assertThat(all.stoppedBy()).isNull();
  }

  @Test
  void neverSplitsTiedScores() {
    // a campaign account tied with a benign one cannot be flagged without it
    OperatingPoint tied = MatchedFpr.select(new double[] {0.8, 0.8, 0.2}, new Label[] {C, B, C}, 0, 0);
    assertThat(tied.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(tied.recall()).isZero();
    assertThat(tied.stoppedBy()).isEqualTo("benign");

    OperatingPoint above = MatchedFpr.select(new double[] {0.9, 0.8, 0.8, 0.8}, new Label[] {C, C, H, C}, 0, 0);
    assertThat(above.threshold()).isEqualTo(0.9);
    assertThat(above.recall()).isCloseTo(1.0 / 3, within(1e-12));

    OperatingPoint allowed = MatchedFpr.select(new double[] {0.9, 0.8, 0.8, 0.8}, new Label[] {C, C, H, C}, 0, 1);
    assertThat(allowed.threshold()).isEqualTo(0.8);
    assertThat(allowed.recall()).isEqualTo(1.0);
    assertThat(allowed.hardNegativeFpr()).isEqualTo(1.0);

    // every account at 0 (a method that never scores) flags nothing at zero limits
    OperatingPoint silent = MatchedFpr.select(new double[] {0, 0, 0}, new Label[] {C, B, H}, 0, 0);
    assertThat(silent.threshold()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(silent.recall()).isZero();
  }

  @Test
  void reportsNaNForAbsentKinds() {
    OperatingPoint p = MatchedFpr.select(new double[] {0.4}, new Label[] {C}, 0, 0);
    assertThat(p.threshold()).isEqualTo(0.4);
    assertThat(p.recall()).isEqualTo(1.0);
    assertThat(p.benignFpr()).isNaN();
    assertThat(p.hardNegativeFpr()).isNaN();
  }

  @Test
  void agreesWithTryingEveryThreshold() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 500; round++) {
      int n = 1 + random.nextInt(12);
      double[] scores = new double[n];
      Label[] kinds = new Label[n];
      for (int i = 0; i < n; i++) {
        scores[i] = random.nextInt(5) / 4.0; // few distinct values: many ties
        kinds[i] = List.of(C, B, H).get(random.nextInt(3));
      }
      long maxBenign = random.nextInt(3);
      long maxHard = random.nextInt(3);
      // brute force: the lowest score t at which the flagged counts are within the limits
      double best = Double.POSITIVE_INFINITY;
      for (double t : scores) {
        if (t < best && count(scores, kinds, t, B) <= maxBenign && count(scores, kinds, t, H) <= maxHard) {
          best = t;
        }
      }
      OperatingPoint p = MatchedFpr.select(scores, kinds, maxBenign, maxHard);
      assertThat(p.threshold()).isEqualTo(best);
      long campaigns = count(scores, kinds, Double.NEGATIVE_INFINITY, C);
      if (campaigns > 0) {
        assertThat(p.recall()).isEqualTo((double) count(scores, kinds, best, C) / campaigns);
      }
    }
  }

  private static long count(double[] scores, Label[] kinds, double threshold, Label kind) {
    long n = 0;
    for (int i = 0; i < scores.length; i++) {
      if (kinds[i] == kind && scores[i] >= threshold) {
        n++;
      }
    }
    return n;
  }
}
