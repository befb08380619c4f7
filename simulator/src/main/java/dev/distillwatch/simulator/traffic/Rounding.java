package dev.distillwatch.simulator.traffic;

import java.math.BigDecimal;

/** Scores as the replay writes and orders them: rounded to 4 decimals, half up. */
final class Rounding {
  private static final int DECIMALS = 4;
  private static final double SCALE = 10_000.0;

  private Rounding() {}

  /** The score in ten-thousandths, as ordered. */
  static long tenThousandths(double score) {
    return Math.round(score * SCALE);
  }

  /** The score with exactly 4 decimals, as written ({@code 0.8123}, {@code 0.0000}). */
  static BigDecimal fourDecimals(double score) {
    return BigDecimal.valueOf(tenThousandths(score), DECIMALS);
  }
}
