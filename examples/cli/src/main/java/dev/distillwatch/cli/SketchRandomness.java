package dev.distillwatch.cli;

import java.lang.reflect.Field;
import java.util.Random;

/**
 * A workaround for deterministic replay: DataSketches' KLL quantile sketches (used by the volume
 * detector's population quantiles) draw their compaction coin flips from one static, unseeded
 * {@link Random} ({@code org.apache.datasketches.kll.KllSketch.random}, package-private, with no
 * public way to seed it in 6.2.0). Once a sketch compacts, quantiles, and so evidence and scores,
 * differ from run to run. Re-seeding that generator before a single-threaded replay makes the
 * replay repeatable. To be removed once the detectors' sketches take a seed of their own.
 */
final class SketchRandomness {
  private static final String KLL_SKETCH = "org.apache.datasketches.kll.KllSketch";

  private SketchRandomness() {}

  /**
   * Re-seeds DataSketches' KLL generator.
   *
   * @return whether it could; false if DataSketches is absent or its internals changed
   */
  static boolean reseed(long seed) {
    try {
      Field field = Class.forName(KLL_SKETCH).getDeclaredField("random");
      field.setAccessible(true);
      Object random = field.get(null);
      if (!(random instanceof Random)) {
        return false;
      }
      ((Random) random).setSeed(seed);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
