package dev.distillwatch.sketches.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class DecayedCounterTest {
  @Test
  void halvesEveryHalfLife() {
    DecayedCounter counter = new DecayedCounter(60_000);
    counter.add(100, 0);
    assertThat(counter.value(0)).isEqualTo(100.0);
    assertThat(counter.value(60_000)).isCloseTo(50.0, within(1e-9));
    assertThat(counter.value(120_000)).isCloseTo(25.0, within(1e-9));
  }

  @Test
  void rateConvergesToTheEventRateWithATicker() {
    AtomicLong clock = new AtomicLong();
    DecayedCounter counter = new DecayedCounter(10_000);
    for (int i = 0; i < 100_000; i++) { // 20 events per second for 5,000 s
      clock.addAndGet(50);
      counter.add(clock::get);
    }
    assertThat(counter.ratePerSecond(clock.get())).isCloseTo(20.0, within(0.5));
  }

  @RepeatedTest(20)
  void orderOfEventsAndMergeDoNotMatter(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    long halfLife = 1 + rnd.nextInt(100_000);
    DecayedCounter all = new DecayedCounter(halfLife);
    DecayedCounter shuffled = new DecayedCounter(halfLife);
    DecayedCounter[] parts = {new DecayedCounter(halfLife), new DecayedCounter(halfLife),
        new DecayedCounter(halfLife)};
    int n = 1 + rnd.nextInt(1000);
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = rnd.nextLong(1_000_000);
    }
    java.util.Arrays.sort(times);
    for (long t : times) {
      all.add(t);
      parts[rnd.nextInt(3)].add(t);
    }
    for (int i = n - 1; i >= 0; i--) {
      shuffled.add(times[i]); // reverse order
    }
    long now = 1_000_000;
    double expected = all.value(now);
    double tolerance = 1e-9 * Math.max(1, expected);
    assertThat(shuffled.value(now)).isCloseTo(expected, within(tolerance));
    DecayedCounter ab = copy(parts[0]).merge(parts[1]).merge(parts[2]);
    DecayedCounter cba = copy(parts[2]).merge(copy(parts[1]).merge(parts[0]));
    assertThat(ab.value(now)).isCloseTo(expected, within(tolerance));
    assertThat(cba.value(now)).isCloseTo(expected, within(tolerance));
  }

  @RepeatedTest(5)
  void roundTripIsIdentical(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    DecayedCounter counter = new DecayedCounter(1 + rnd.nextInt(1000));
    for (int i = 0; i < 100; i++) {
      counter.add(rnd.nextDouble() * 10, rnd.nextLong(100_000));
    }
    assertThat(DecayedCounter.fromByteArray(counter.toByteArray())).isEqualTo(counter);
    DecayedCounter empty = new DecayedCounter(5);
    assertThat(DecayedCounter.fromByteArray(empty.toByteArray())).isEqualTo(empty);
  }

  private static DecayedCounter copy(DecayedCounter c) {
    return DecayedCounter.fromByteArray(c.toByteArray());
  }
}
