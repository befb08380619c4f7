package dev.distillwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Level;
import dev.distillwatch.core.Verdict;
import org.junit.jupiter.api.Test;

class RecommendedSuiteTest {

  @Test
  void defaultsFindTheRecommendedSuiteOnTheClassPath() {
    DistillWatch watch = DistillWatch.builder().defaults().build();
    assertThat(watch.detectorNames()).contains("volume", "template");
    Verdict v = watch.inspect(Exchange.builder().account("a").timestamp(1).prompt("hi").build());
    assertThat(v.partial()).isFalse();
  }

  @Test
  void heavyUseAloneNeverReachesWatch() {
    DistillWatch watch = DistillWatch.builder().defaults().build();
    long t0 = 1_767_225_600_000L;
    Verdict last = null;
    for (int i = 0; i < 20_000; i++) { // ~14 requests a minute for a day: far above any population quantile
      last = watch.inspect(Exchange.builder().account("heavy").timestamp(t0 + i * 4_000L)
          .prompt("How do I say 'good morning' in language number " + (i % 50) + "?").build());
    }
    assertThat(last.signals()).extracting(s -> s.detector()).contains("volume");
    assertThat(last.level()).isEqualTo(Level.ALLOW);
  }
}
