package dev.distillwatch.sketches.counter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.sketches.StatAsserts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class CountMinSketchTest {
  /** Zipf-like stream of keys with exact counts kept alongside. */
  static long[] zipfKeys(SplittableRandom rnd, int n, int universe) {
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (long) Math.floor(Math.pow(universe, rnd.nextDouble())); // heavy head
    }
    return keys;
  }

  /**
   * Stated bound: estimate ≥ true, and estimate ≤ true + (e/width)·N with probability ≥ 1 − e^−d.
   * Checked per queried key with a binomial test.
   */
  @Test
  void estimatesAreWithinTheStatedBound() {
    SplittableRandom rnd = new SplittableRandom(1);
    int trials = 0;
    int failures = 0;
    for (int round = 0; round < 40; round++) {
      CountMinSketch sketch = CountMinSketch.create(256, 3, rnd.nextLong(), 0);
      it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap exact = new it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap();
      for (long key : zipfKeys(rnd, 20_000, 100_000)) {
        sketch.add(key);
        exact.addTo(key, 1);
      }
      for (int q = 0; q < 200; q++) {
        long key = q < 100 ? q : rnd.nextLong();
        long truth = exact.get(key);
        long estimate = sketch.estimate(key);
        assertThat(estimate).isGreaterThanOrEqualTo(truth);
        trials++;
        if (estimate > truth + sketch.errorBound()) {
          failures++;
        }
      }
    }
    StatAsserts.assertFailureRateAtMost(trials, failures, Math.exp(-3));
  }

  @RepeatedTest(10)
  void mergeIsCommutativeAssociativeAndEqualsTheConcatenatedStream(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    long seed = rnd.nextLong();
    CountMinSketch a = CountMinSketch.create(128, 4, seed, 0);
    CountMinSketch b = CountMinSketch.create(128, 4, seed, 0);
    CountMinSketch c = CountMinSketch.create(128, 4, seed, 0);
    CountMinSketch all = CountMinSketch.create(128, 4, seed, 0);
    for (CountMinSketch s : new CountMinSketch[] {a, b, c}) {
      for (long key : zipfKeys(rnd, 1 + rnd.nextInt(5000), 1000)) {
        s.add(key);
        all.add(key);
      }
    }
    CountMinSketch abc = a.copy().merge(b).merge(c);
    CountMinSketch cba = c.copy().merge(b.copy().merge(a));
    assertThat(abc.toByteArray()).isEqualTo(cba.toByteArray());
    assertThat(abc.toByteArray()).isEqualTo(all.toByteArray());
  }

  @RepeatedTest(5)
  void roundTripIsIdentical(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    CountMinSketch sketch = CountMinSketch.withError(0.01, 0.01, rnd.nextLong(), 10_000);
    for (long key : zipfKeys(rnd, 25_000, 5000)) {
      sketch.add(key);
    }
    CountMinSketch copy = CountMinSketch.fromByteArray(sketch.toByteArray());
    assertThat(copy).isEqualTo(sketch);
    assertThat(copy.estimate(1)).isEqualTo(sketch.estimate(1));
  }

  @Test
  void halvingDecaysCounts() {
    CountMinSketch sketch = CountMinSketch.create(1024, 4, 9, 1000);
    for (int i = 0; i < 999; i++) {
      sketch.add(42);
    }
    assertThat(sketch.estimate(42)).isEqualTo(999);
    sketch.add(42); // 1000th addition triggers halving
    assertThat(sketch.estimate(42)).isEqualTo(500);
    assertThat(sketch.totalCount()).isEqualTo(500);
  }

  @Test
  void sizingFromErrorTargets() {
    CountMinSketch sketch = CountMinSketch.withError(0.001, 0.001, 1, 0);
    assertThat(sketch.width()).isEqualTo(4096);
    assertThat(sketch.depth()).isEqualTo(7);
  }
}
