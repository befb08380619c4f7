package dev.distillwatch.detectors.volume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VolumeDetectorTest {
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private static VolumeDetector detector(long maximumAccounts) {
    return VolumeDetector.create(VolumeConfig.ofDefaults(), Settings.of(1, maximumAccounts, Clock.system()));
  }

  private static Signal send(VolumeDetector d, String account, long ts) {
    return d.inspect(Exchange.builder().account(account).timestamp(ts).prompt("q").build());
  }

  /** 300 benign accounts over two weeks, each 1 to 40 requests on the days it is active. */
  private static void benignPopulation(VolumeDetector d, SplittableRandom random) {
    for (int day = 0; day < 14; day++) {
      for (int a = 0; a < 300; a++) {
        if (random.nextInt(3) != 0) {
          continue;
        }
        int n = 1 + random.nextInt(40);
        long start = T0 + day * DAY + random.nextLong(12 * HOUR);
        for (int i = 0; i < n; i++) {
          Signal s = send(d, "benign-" + a, start + i * (10 * MINUTE));
          assertThat(s.score()).as("benign account %d on day %d", a, day).isZero();
        }
      }
    }
  }

  @Test
  void benignRatesNeverScore() {
    benignPopulation(detector(10_000), new SplittableRandom(1));
  }

  @Test
  void heavyAccountScoresAboveThePopulationButNeverReachesFlagAlone() {
    VolumeDetector d = detector(10_000);
    benignPopulation(d, new SplittableRandom(2));
    long start = T0 + 14 * DAY;
    Signal last = null;
    for (int i = 0; i < 5_000; i++) { // 5,000 a day, one every ~17 s
      last = send(d, "scraper", start + i * 17_280L);
    }
    assertThat(last.score()).isGreaterThan(0.3).isLessThanOrEqualTo(0.6);
    assertThat(last.evidence()).contains("requests/").contains("population's p99.9").contains("5000 requests");
  }

  @Test
  void newAccountRampingUpIsSeenWithinItsFirstHourNotAfterADay() {
    VolumeDetector d = detector(10_000);
    int firstScored = -1;
    for (int i = 0; i < 600; i++) { // 600 in an hour: 14,400 a day projected
      if (send(d, "fresh", T0 + i * 6_000L).score() > 0 && firstScored < 0) {
        firstScored = i + 1;
      }
    }
    assertThat(firstScored).isBetween(1, 200);
  }

  @Test
  void sameTotalSpreadOverTenDaysDoesNotScore() {
    VolumeDetector d = detector(10_000);
    for (int i = 0; i < 600; i++) {
      assertThat(send(d, "steady", T0 + i * (10 * DAY / 600)).score()).isZero();
    }
  }

  @Test
  void timestampDisorderGivesNoNegativeOrNaNScores() {
    VolumeDetector d = detector(100);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2_000; i++) {
      long jitter = random.nextLong(-5 * MINUTE, 5 * MINUTE);
      Signal s = send(d, "a" + random.nextInt(5), T0 + i * 1_000L + jitter);
      assertThat(s.score()).isBetween(0.0, 0.6);
    }
  }

  @Test
  void sameStreamGivesTheSameSignalsEveryTime() {
    // 3,000 accounts over four days: ~10,000 completed account-days and many more account-hours
    // in the population, well past the point where a randomised sketch would compact.
    java.util.List<Signal> first = replay(detector(10_000));
    java.util.List<Signal> second = replay(detector(10_000));
    assertThat(first).hasSizeGreaterThan(40_000);
    assertThat(first.stream().filter(s -> s.score() > 0)).isNotEmpty();
    assertThat(second).isEqualTo(first);
  }

  private static java.util.List<Signal> replay(VolumeDetector d) {
    SplittableRandom random = new SplittableRandom(7);
    java.util.List<Signal> out = new java.util.ArrayList<>();
    for (int day = 0; day < 4; day++) {
      for (int a = 0; a < 3_000; a++) {
        int n = 1 + random.nextInt(a % 100 == 0 ? 400 : 12);
        long start = T0 + day * DAY + random.nextLong(20 * HOUR);
        for (int i = 0; i < n; i++) {
          out.add(send(d, "acct-" + a, start + i * 30_000L));
        }
      }
    }
    return out;
  }

  @Test
  void stateStaysWithinTheAccountBound() {
    VolumeDetector d = detector(100);
    for (int i = 0; i < 10_000; i++) {
      send(d, "acct-" + i, T0 + i);
    }
    assertThat(d.trackedAccounts()).isLessThanOrEqualTo(100);
  }
}
