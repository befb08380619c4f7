package dev.distillwatch.sketches.datasketches;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.sketches.StatAsserts;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class AdaptersTest {
  /** Stated: HLL 2-sigma bounds contain the true count with ≈ 95.4% probability. */
  @Test
  void distinctCountBoundsHoldWithStatedProbability() {
    SplittableRandom rnd = new SplittableRandom(1);
    int trials = 400;
    int failures = 0;
    for (int t = 0; t < trials; t++) {
      DistinctCountSketch sketch = DistinctCountSketch.create(10);
      int n = 1000 + rnd.nextInt(100_000);
      for (int i = 0; i < n; i++) {
        sketch.update(rnd.nextLong());
      }
      if (n < sketch.lowerBound(2) || n > sketch.upperBound(2)) {
        failures++;
      }
    }
    StatAsserts.assertFailureRateAtMost(trials, failures, 1 - 0.954);
  }

  /** Stated: single-rank error ≤ normalizedRankError with 99% confidence. */
  @Test
  void quantileRankErrorHoldsWithStatedProbability() {
    SplittableRandom rnd = new SplittableRandom(2);
    int trials = 300;
    int failures = 0;
    for (int t = 0; t < trials; t++) {
      QuantileSketch sketch = QuantileSketch.create(200);
      int n = 10_000 + rnd.nextInt(50_000);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = rnd.nextDouble() * rnd.nextDouble();
        sketch.update(values[i]);
      }
      Arrays.sort(values);
      double probe = values[rnd.nextInt(n)];
      int index = Arrays.binarySearch(values, probe);
      while (index + 1 < n && values[index + 1] == probe) {
        index++;
      }
      double trueRank = (index + 1) / (double) n;
      if (Math.abs(sketch.rank(probe) - trueRank) > sketch.normalizedRankError()) {
        failures++;
      }
    }
    StatAsserts.assertFailureRateAtMost(trials, failures, 0.01);
  }

  @Test
  void frequentItemsBoundsAreDeterministic() {
    SplittableRandom rnd = new SplittableRandom(3);
    FrequentItemsSketch sketch = FrequentItemsSketch.create(64);
    long[] exact = new long[1000];
    for (int i = 0; i < 200_000; i++) {
      int item = (int) Math.floor(Math.pow(1000, rnd.nextDouble())) - 1;
      exact[item]++;
      sketch.update(item);
    }
    for (int item = 0; item < 1000; item++) {
      assertThat(sketch.lowerBound(item)).isLessThanOrEqualTo(exact[item]);
      assertThat(sketch.upperBound(item)).isGreaterThanOrEqualTo(exact[item]);
    }
    assertThat(sketch.maximumError()).isLessThanOrEqualTo((long) (3.5 * 200_000 / 64));
    assertThat(sketch.frequentItems(FrequentItemsSketch.ErrorMode.NO_FALSE_POSITIVES))
        .extracting(FrequentItemsSketch.Item::item).contains(0L);
  }

  @RepeatedTest(5)
  void mergeIsCommutativeAndRoundTripsAreIdentical(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    DistinctCountSketch d1 = DistinctCountSketch.create(11);
    DistinctCountSketch d2 = DistinctCountSketch.create(11);
    QuantileSketch q1 = QuantileSketch.create(200);
    QuantileSketch q2 = QuantileSketch.create(200);
    FrequentItemsSketch f1 = FrequentItemsSketch.create(32);
    FrequentItemsSketch f2 = FrequentItemsSketch.create(32);
    for (int i = 0; i < 20_000; i++) {
      long key = rnd.nextInt(5000);
      boolean first = rnd.nextBoolean();
      (first ? d1 : d2).update(key);
      (first ? q1 : q2).update(key);
      (first ? f1 : f2).update(key % 100);
    }
    double d12 = DistinctCountSketch.fromByteArray(d1.toByteArray()).merge(d2).estimate();
    double d21 = DistinctCountSketch.fromByteArray(d2.toByteArray()).merge(d1).estimate();
    assertThat(d12).isEqualTo(d21);
    QuantileSketch q12 = QuantileSketch.fromByteArray(q1.toByteArray()).merge(q2);
    QuantileSketch q21 = QuantileSketch.fromByteArray(q2.toByteArray()).merge(q1);
    assertThat(q12.count()).isEqualTo(q21.count()).isEqualTo(20_000);
    assertThat(Math.abs(q12.quantile(0.5) - q21.quantile(0.5)))
        .isLessThanOrEqualTo(2 * q12.normalizedRankError() * 5000);
    FrequentItemsSketch f12 = FrequentItemsSketch.fromByteArray(f1.toByteArray()).merge(f2);
    FrequentItemsSketch f21 = FrequentItemsSketch.fromByteArray(f2.toByteArray()).merge(f1);
    assertThat(f12.streamLength()).isEqualTo(f21.streamLength()).isEqualTo(20_000);
    for (long item = 0; item < 100; item++) {
      assertThat(f12.lowerBound(item)).isLessThanOrEqualTo(f21.upperBound(item));
    }
    assertThat(DistinctCountSketch.fromByteArray(d1.toByteArray()).toByteArray()).isEqualTo(d1.toByteArray());
    assertThat(QuantileSketch.fromByteArray(q1.toByteArray()).toByteArray()).isEqualTo(q1.toByteArray());
    assertThat(FrequentItemsSketch.fromByteArray(f1.toByteArray()).toByteArray()).isEqualTo(f1.toByteArray());
  }
}
