package dev.distillwatch.detectors;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.DetectorSuite;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Thresholds;
import dev.distillwatch.detectors.coordination.CoordinationConfig;
import dev.distillwatch.detectors.coordination.CoordinationDetector;
import dev.distillwatch.detectors.parameters.ParameterConfig;
import dev.distillwatch.detectors.parameters.ParameterProbingDetector;
import dev.distillwatch.detectors.reasoning.ReasoningConfig;
import dev.distillwatch.detectors.reasoning.ReasoningDetector;
import dev.distillwatch.detectors.recipe.RecipeConfig;
import dev.distillwatch.detectors.recipe.RecipeDetector;
import dev.distillwatch.detectors.shape.ConversationShapeDetector;
import dev.distillwatch.detectors.shape.ShapeConfig;
import dev.distillwatch.detectors.template.TemplateConfig;
import dev.distillwatch.detectors.template.TemplateDetector;
import dev.distillwatch.detectors.volume.VolumeConfig;
import java.util.Map;
import dev.distillwatch.detectors.volume.VolumeDetector;
import java.util.List;

/**
 * The recommended detectors with the thresholds they are calibrated for; what
 * {@code DistillWatch.builder().defaults()} uses (registered through {@link java.util.ServiceLoader}).
 */
public final class RecommendedSuite implements DetectorSuite {

  @Override
  public List<Detector> create(Settings settings) {
    AccountTable accounts = AccountTable.create(settings); // one account look-up per request
    return List.of(
        VolumeDetector.create(VolumeConfig.ofDefaults(), settings, accounts),
        ReasoningDetector.create(ReasoningConfig.ofDefaults(), settings, accounts),
        RecipeDetector.create(RecipeConfig.ofDefaults(), settings, accounts),
        ParameterProbingDetector.create(ParameterConfig.ofDefaults(), settings, accounts),
        TemplateDetector.create(TemplateConfig.ofDefaults(), settings, accounts),
        ConversationShapeDetector.create(ShapeConfig.ofDefaults(), settings, accounts),
        CoordinationDetector.create(CoordinationConfig.ofDefaults(), settings));
  }

  /**
   * Volume counts three quarters: heavy use is what wrapper apps, batch pipelines, coding agents
   * and benchmark runs have too, so it is context for the content detectors rather than evidence
   * of its own.
   */
  @Override
  public Map<String, Double> weights() {
    return Map.of(VolumeDetector.NAME, 0.75);
  }

  @Override
  public Thresholds thresholds() {
    return Thresholds.defaults();
  }

  @Override
  public String toString() {
    return "RecommendedSuite";
  }
}
