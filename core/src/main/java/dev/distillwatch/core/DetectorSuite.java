package dev.distillwatch.core;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A set of detectors built together from the pipeline's {@link Settings}, with the fusion weights
 * and thresholds they were tuned for.
 *
 * <p>The recommended set is found through {@link ServiceLoader}: the {@code distillwatch-detectors}
 * artifact provides it, so {@link DistillWatch.Builder#defaults()} works as soon as that artifact
 * is on the class path.
 */
public interface DetectorSuite {

  /** Creates fresh detectors; each call gives detectors with their own state. */
  List<Detector> create(Settings settings);

  /** Fusion weights by detector name, for detectors that should count less than 1. */
  default Map<String, Double> weights() {
    return Map.of();
  }

  /** The thresholds this suite's scores are calibrated for. */
  default Thresholds thresholds() {
    return Thresholds.defaults();
  }

  /**
   * The recommended suite, found on the class path.
   *
   * @throws IllegalStateException if no suite is on the class path
   */
  static DetectorSuite recommended() {
    for (DetectorSuite suite : ServiceLoader.load(DetectorSuite.class, DetectorSuite.class.getClassLoader())) {
      return suite;
    }
    throw new IllegalStateException(
        "no default detector suite on the class path: add the dev.distillwatch:distillwatch-detectors"
            + " dependency, or add detectors with DistillWatch.builder().detector(...)");
  }
}
