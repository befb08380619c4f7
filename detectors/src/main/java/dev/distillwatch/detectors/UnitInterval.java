package dev.distillwatch.detectors;

/**
 * Scores live in [0, 1]: the clamp every detector applies when it maps a share, a count or a
 * ratio onto a score ({@code clamp((share - floor) / (saturation - floor))}).
 */
public final class UnitInterval {
  private UnitInterval() {}

  /** {@code x} clamped to [0, 1]; NaN stays NaN, so a broken input still fails the signal's check. */
  public static double clamp(double x) {
    return x <= 0 ? 0 : Math.min(1, x);
  }
}
