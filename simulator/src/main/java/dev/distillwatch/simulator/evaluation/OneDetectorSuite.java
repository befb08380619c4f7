package dev.distillwatch.simulator.evaluation;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.DetectorSuite;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Thresholds;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One detector of a suite, alone: built by the suite with the pipeline's settings (the others it
 * builds are dropped), with the suite's weight for it and the suite's thresholds, so its verdicts
 * are what that detector contributes to the suite's pipeline.
 */
final class OneDetectorSuite implements DetectorSuite {
  private final DetectorSuite suite;
  private final String detector;

  OneDetectorSuite(DetectorSuite suite, String detector) {
    this.suite = Objects.requireNonNull(suite, "suite");
    this.detector = Objects.requireNonNull(detector, "detector");
  }

  @Override
  public List<Detector> create(Settings settings) {
    List<Detector> one = suite.create(settings).stream().filter(d -> d.name().equals(detector)).toList();
    if (one.isEmpty()) {
      throw new IllegalStateException("the suite " + suite + " has no detector named '" + detector + "'");
    }
    return one;
  }

  @Override
  public Map<String, Double> weights() {
    return suite.weights().entrySet().stream().filter(e -> e.getKey().equals(detector))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Override
  public Thresholds thresholds() {
    return suite.thresholds();
  }

  @Override
  public String toString() {
    return suite + "[" + detector + "]";
  }
}
