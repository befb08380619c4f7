package dev.distillwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
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
}
