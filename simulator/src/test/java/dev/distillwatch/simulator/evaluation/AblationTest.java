package dev.distillwatch.simulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.DetectorSuite;
import dev.distillwatch.core.DistillWatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ablation's methods: every default detector alone once, the whole pipeline, the baselines. */
class AblationTest {

  @Test
  void listsEveryDefaultDetectorAloneOnceThenThePipelineAndTheBaselines() {
    List<String> detectors = Methods.defaultDetectorNames();
    assertThat(detectors).isNotEmpty().doesNotHaveDuplicates()
        .containsAll(List.of("volume", "reasoning", "recipe", "parameters", "template"));
    List<String> expected = new ArrayList<>();
    detectors.forEach(d -> expected.add(Methods.ALONE + d));
    expected.add(Methods.DISTILLWATCH);
    Methods.baselines(50).forEach(m -> expected.add(m.name()));
    assertThat(Methods.ablation(50).stream().map(Method::name).toList()).containsExactlyElementsOf(expected);
  }

  @Test
  void eachDetectorAloneRunsThatDetectorOnlyWithTheSuitesThresholds() {
    for (String detector : Methods.defaultDetectorNames()) {
      DistillWatch alone = Methods.alone(detector).pipelines().get();
      assertThat(alone.detectorNames()).containsExactly(detector);
      assertThat(alone.thresholds()).isEqualTo(DetectorSuite.recommended().thresholds());
    }
  }
}
