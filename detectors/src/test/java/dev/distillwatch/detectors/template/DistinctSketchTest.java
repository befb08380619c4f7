package dev.distillwatch.detectors.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistinctSketchTest {

  @Test
  void exactBelowK() {
    DistinctSketch s = new DistinctSketch(16);
    for (int i = 0; i < 15; i++) {
      s.add(TemplateFeatures.mix(i));
      s.add(TemplateFeatures.mix(i)); // duplicates do not count
    }
    assertThat(s.estimate()).isEqualTo(15.0);
  }

  @Test
  void largeCountsWithinThreeStandardErrorsMostOfTheTime() {
    SplittableRandom random = new SplittableRandom(3);
    int within = 0;
    int trials = 200;
    for (int t = 0; t < trials; t++) {
      DistinctSketch s = new DistinctSketch(16);
      int n = 1_000;
      for (int i = 0; i < n; i++) {
        long v = random.nextLong();
        s.add(v);
        s.add(v);
      }
      double rse = 1 / Math.sqrt(16 - 2);
      if (Math.abs(s.estimate() - n) <= 3 * rse * n) {
        within++;
      }
    }
    assertThat(within).isGreaterThanOrEqualTo((int) (0.95 * trials));
  }
}
