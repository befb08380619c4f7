package dev.distillwatch.detectors.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateBurstsTest {
  private static final long SEED = 42;
  private static final long START = TemplateBursts.tickOf(1_767_225_600_000L);

  /** Counts {@code accounts} edges to {@code key} in {@code tick}; returns the last edge's score. */
  private static double edges(TemplateBursts bursts, long key, long tick, int accounts) {
    double score = 0;
    for (int i = 0; i < accounts; i++) {
      score = bursts.observe(key, tick);
    }
    return score;
  }

  @Test
  void aSteadyOrDailyCyclingTemplateIsNeverABurst() {
    TemplateBursts bursts = new TemplateBursts(SEED);
    for (int t = 0; t < 96; t++) {
      double steady = edges(bursts, 1, START + t, 40);
      // A busy app's template: 50 accounts at night, 150 at the daily peak.
      int daily = (int) Math.round(100 + 50 * Math.sin(2 * Math.PI * t / 24));
      double cycling = edges(bursts, 2, START + t, daily);
      assertThat(TemplateBursts.isBurst(steady)).as("steady, tick %d", t).isFalse();
      assertThat(TemplateBursts.isBurst(cycling)).as("daily cycle, tick %d", t).isFalse();
    }
  }

  @Test
  void hundredsOfAccountsOnANewTemplateInOneHourAreABurst() {
    TemplateBursts bursts = new TemplateBursts(SEED);
    for (int t = 0; t < 48; t++) {
      edges(bursts, 1, START + t, 40);
    }
    // A campaign rotates to a new template: 300 accounts within the hour.
    double launch = edges(bursts, 3, START + 48, 300);
    assertThat(TemplateBursts.isBurst(launch)).isTrue();
    // The same accounts keep using it: once it is the template's usual rate, no longer a burst.
    double later = 0;
    for (int t = 49; t < 96; t++) {
      later = edges(bursts, 3, START + t, 300);
    }
    assertThat(TemplateBursts.isBurst(later)).isFalse();
  }

  @Test
  void aFewAccountsAreNotABurstHoweverNew() {
    TemplateBursts bursts = new TemplateBursts(SEED);
    for (int t = 0; t < 48; t++) {
      edges(bursts, 1, START + t, 40);
    }
    assertThat(TemplateBursts.isBurst(edges(bursts, 4, START + 48, 4))).isFalse();
  }

  @Test
  void nodesMergeAsIfOneHadSeenBothStreams() {
    TemplateBursts one = new TemplateBursts(SEED);
    TemplateBursts a = new TemplateBursts(SEED);
    TemplateBursts b = new TemplateBursts(SEED);
    for (int t = 0; t < 48; t++) {
      edges(one, 1, START + t, 40);
      edges(a, 1, START + t, 20);
      edges(b, 1, START + t, 20);
    }
    edges(one, 3, START + 48, 300);
    edges(a, 3, START + 48, 150);
    edges(b, 3, START + 48, 150);
    a.merge(b);
    // One more edge on each: the merged node scores the burst as the single node does.
    assertThat(a.observe(3, START + 48)).isCloseTo(one.observe(3, START + 48), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(a.observe(1, START + 48)).isCloseTo(one.observe(1, START + 48), org.assertj.core.data.Offset.offset(1e-6));
  }
}
