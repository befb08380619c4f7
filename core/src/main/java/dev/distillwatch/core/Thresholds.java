package dev.distillwatch.core;

import java.util.Locale;

/**
 * The fused-score thresholds at which a verdict reaches {@link Level#WATCH}, {@link Level#FLAG}
 * and {@link Level#BLOCK}; strictly increasing within (0, 1].
 */
public final class Thresholds {
  private static final Thresholds DEFAULTS = new Thresholds(0.5, 0.8, 0.95);

  private final double watch;
  private final double flag;
  private final double block;

  private Thresholds(double watch, double flag, double block) {
    this.watch = watch;
    this.flag = flag;
    this.block = block;
  }

  /** WATCH at 0.5, FLAG at 0.8, BLOCK at 0.95. */
  public static Thresholds defaults() {
    return DEFAULTS;
  }

  /**
   * Thresholds.
   *
   * @throws IllegalArgumentException unless {@code 0 < watch < flag < block <= 1}
   */
  public static Thresholds of(double watch, double flag, double block) {
    if (!(watch > 0 && watch < flag && flag < block && block <= 1)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "thresholds must satisfy 0 < watch < flag < block <= 1, were %s, %s, %s", watch, flag, block));
    }
    return new Thresholds(watch, flag, block);
  }

  /** The level a fused score reaches. */
  public Level levelOf(double score) {
    if (score >= block) {
      return Level.BLOCK;
    }
    if (score >= flag) {
      return Level.FLAG;
    }
    return score >= watch ? Level.WATCH : Level.ALLOW;
  }

  public double watch() {
    return watch;
  }

  public double flag() {
    return flag;
  }

  public double block() {
    return block;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Thresholds && watch == ((Thresholds) o).watch
        && flag == ((Thresholds) o).flag && block == ((Thresholds) o).block;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(watch) * 31 * 31 + Double.hashCode(flag) * 31 + Double.hashCode(block);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Thresholds{watch=%s, flag=%s, block=%s}", watch, flag, block);
  }
}
