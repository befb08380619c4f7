package dev.distillwatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DistillWatchTest {

  private static Exchange exchange(String account, long ts) {
    return Exchange.builder().account(account).timestamp(ts).prompt("hello").build();
  }

  /** A detector that always says the same thing. */
  private static Detector fixed(String name, double score, String campaign) {
    return new Detector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Signal inspect(Exchange exchange) {
        Signal s = score == 0 ? Signal.none(name) : Signal.of(name, score, name + " evidence");
        return campaign == null ? s : s.withCampaign(campaign);
      }
    };
  }

  private static Detector throwing(String name, Throwable t) {
    return new Detector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Signal inspect(Exchange exchange) {
        if (t instanceof RuntimeException) {
          throw (RuntimeException) t;
        }
        throw (Error) t;
      }
    };
  }

  @Test
  void fusesScoresWithWeightedNoisyOr() {
    DistillWatch watch = DistillWatch.builder()
        .detector(fixed("a", 0.5, null))
        .detector(fixed("b", 0.6, null))
        .detector(fixed("c", 0.0, null))
        .weight("b", 0.5)
        .build();
    Verdict v = watch.inspect(exchange("acct", 1));
    // 1 - (1 - 0.5)(1 - 0.5 * 0.6) = 1 - 0.5 * 0.7 = 0.65
    assertThat(v.score()).isCloseTo(0.65, within(1e-12));
    assertThat(v.level()).isEqualTo(Level.WATCH);
    assertThat(v.signals()).extracting(Signal::detector).containsExactly("a", "b");
    assertThat(v.partial()).isFalse();
  }

  @Test
  void noSignalMeansAllowWithScoreZero() {
    DistillWatch watch = DistillWatch.builder().detector(fixed("quiet", 0.0, null)).build();
    Verdict v = watch.inspect(exchange("acct", 1));
    assertThat(v.score()).isZero();
    assertThat(v.level()).isEqualTo(Level.ALLOW);
    assertThat(v.signals()).isEmpty();
    assertThat(v.campaign()).isEmpty();
  }

  @Test
  void levelsFollowConfiguredThresholds() {
    DistillWatch watch = DistillWatch.builder()
        .detector(fixed("a", 0.7, null))
        .thresholds(Thresholds.of(0.2, 0.6, 0.9))
        .build();
    assertThat(watch.inspect(exchange("acct", 1)).level()).isEqualTo(Level.FLAG);
  }

  @Test
  void verdictTakesTheCampaignOfTheStrongestSignalThatNamesOne() {
    DistillWatch watch = DistillWatch.builder()
        .detector(fixed("weak", 0.3, "c-weak"))
        .detector(fixed("strong", 0.9, "c-strong"))
        .detector(fixed("strongest", 0.95, null))
        .build();
    assertThat(watch.inspect(exchange("acct", 1)).campaign()).contains("c-strong");
  }

  @Test
  void signalsComeStrongestFirstAndEqualOnesByDetectorName() {
    DistillWatch watch = DistillWatch.builder()
        .detector(fixed("c", 0.5, null))
        .detector(fixed("a", 0.3, null))
        .detector(fixed("d", 0.9, null))
        .detector(fixed("b", 0.5, null))
        .build();
    assertThat(watch.inspect(exchange("acct", 1)).signals()).extracting(Signal::detector)
        .containsExactly("d", "b", "c", "a");
  }

  @Test
  void throwingDetectorIsIsolatedCountedAndMarksVerdictPartial() {
    DistillWatch watch = DistillWatch.builder()
        .detector(throwing("broken", new IllegalStateException("bug")))
        .detector(fixed("ok", 0.9, null))
        .build();
    Verdict v = watch.inspect(exchange("acct", 1));
    assertThat(v.partial()).isTrue();
    assertThat(v.failedDetectors()).containsExactly("broken");
    assertThat(v.score()).isCloseTo(0.9, within(1e-12));
    assertThat(v.level()).isEqualTo(Level.FLAG);
    PipelineStats stats = watch.stats();
    assertThat(stats.failures()).containsEntry("broken", 1L).containsEntry("ok", 0L);
    assertThat(stats.partial()).isEqualTo(1);
  }

  @Test
  void stackOverflowAndOtherErrorsInDetectorsAreIsolatedToo() {
    DistillWatch watch = DistillWatch.builder()
        .detector(throwing("deep", new StackOverflowError()))
        .detector(throwing("linkage", new NoClassDefFoundError("x")))
        .build();
    Verdict v = watch.inspect(exchange("acct", 1));
    assertThat(v.failedDetectors()).containsExactly("deep", "linkage");
    assertThat(v.level()).isEqualTo(Level.ALLOW);
  }

  @Test
  void failClosedRaisesAPartialVerdictToBlock() {
    DistillWatch watch = DistillWatch.builder()
        .detector(throwing("broken", new IllegalArgumentException()))
        .detector(fixed("ok", 0.1, null))
        .failureMode(FailureMode.CLOSED)
        .build();
    Verdict v = watch.inspect(exchange("acct", 1));
    assertThat(v.level()).isEqualTo(Level.BLOCK);
    assertThat(v.partial()).isTrue();
  }

  @Test
  void nullExchangeNeverThrows() {
    DistillWatch open = DistillWatch.builder().detector(fixed("a", 0.9, null)).build();
    Verdict v = open.inspect(null);
    assertThat(v.level()).isEqualTo(Level.ALLOW);
    assertThat(v.failedDetectors()).containsExactly("pipeline");
    assertThat(open.stats().failures()).containsEntry("pipeline", 1L);

    DistillWatch closed = DistillWatch.builder()
        .detector(fixed("a", 0.9, null)).failureMode(FailureMode.CLOSED).build();
    assertThat(closed.inspect(null).level()).isEqualTo(Level.BLOCK);
  }

  @Test
  void detectorReturningAnInvalidScoreIsAFailureNotACrash() {
    Detector nan = new Detector() {
      @Override
      public String name() {
        return "nan";
      }

      @Override
      public Signal inspect(Exchange exchange) {
        return Signal.of("nan", Double.NaN, "oops");
      }
    };
    Verdict v = DistillWatch.builder().detector(nan).build().inspect(exchange("acct", 1));
    assertThat(v.failedDetectors()).containsExactly("nan");
  }

  @Test
  void exchangeWithoutTimestampIsStampedWithTheClock() {
    List<Long> seen = new ArrayList<>();
    Detector recorder = new Detector() {
      @Override
      public String name() {
        return "recorder";
      }

      @Override
      public Signal inspect(Exchange exchange) {
        seen.add(exchange.timestamp());
        return Signal.none(name());
      }
    };
    DistillWatch watch = DistillWatch.builder().detector(recorder).clock(() -> 42L).build();
    watch.inspect(Exchange.builder().account("a").prompt("x").build());
    watch.inspect(exchange("a", 7));
    assertThat(seen).containsExactly(42L, 7L);
  }

  @Test
  void concurrentInspectLosesNoCountAndThrowsNothing() throws Exception {
    AtomicLong calls = new AtomicLong();
    Detector counting = new Detector() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public Signal inspect(Exchange exchange) {
        calls.incrementAndGet();
        return Signal.of(name(), 0.2, "counted");
      }
    };
    DistillWatch watch = DistillWatch.builder()
        .detector(counting)
        .detector(throwing("flaky", new IllegalStateException("always")))
        .build();
    int threads = 8;
    int perThread = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String account = "acct-" + t;
      results.add(pool.submit(() -> {
        start.await();
        long partial = 0;
        for (int i = 0; i < perThread; i++) {
          if (watch.inspect(exchange(account, i)).partial()) {
            partial++;
          }
        }
        return partial;
      }));
    }
    start.countDown();
    long partial = 0;
    for (Future<Long> f : results) {
      partial += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    long total = (long) threads * perThread;
    assertThat(calls.get()).isEqualTo(total);
    assertThat(partial).isEqualTo(total);
    PipelineStats stats = watch.stats();
    assertThat(stats.inspected()).isEqualTo(total);
    assertThat(stats.partial()).isEqualTo(total);
    assertThat(stats.failures()).containsEntry("flaky", total).containsEntry("counting", 0L);
  }

  @Test
  void builderRejectsWhatCannotWork() {
    assertThatThrownBy(() -> DistillWatch.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs detectors");
    assertThatThrownBy(() -> DistillWatch.builder().detector(fixed("a", 0, null)).detector(fixed("a", 0, null)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("two detectors are named 'a'");
    assertThatThrownBy(() -> DistillWatch.builder().detector(fixed("a", 0, null)).weight("b", 0.5).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'b'");
    assertThatThrownBy(() -> DistillWatch.builder().weight("a", 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DistillWatch.builder().maximumAccounts(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DistillWatch.builder().seed(1).seed(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("seed was already set");
    assertThatThrownBy(() -> DistillWatch.builder().maximumAccounts(5).maximumAccounts(6))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
    assertThatThrownBy(() -> Thresholds.of(0.8, 0.5, 0.9)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingsReachTheSuite() {
    List<Settings> seen = new ArrayList<>();
    DetectorSuite suite = settings -> {
      seen.add(settings);
      return List.of(fixed("a", 0.1, null));
    };
    DistillWatch.builder().suite(suite).seed(99).maximumAccounts(1234).build();
    assertThat(seen).singleElement().satisfies(s -> {
      assertThat(s.seed()).isEqualTo(99);
      assertThat(s.maximumAccounts()).isEqualTo(1234);
      assertThat(s.toString()).doesNotContain("99");
    });
  }
}
