package dev.distillwatch.detectors.text;

/**
 * Cheap formatting of the counts and shares that evidence strings quote: evidence is built on
 * the request path whenever a detector scores, and {@code String.format} costs microseconds.
 */
public final class Evidence {
  private Evidence() {}

  /** {@code part} as a whole percentage of {@code whole}, rounded; 0 when {@code whole} is 0. */
  public static long percent(long part, long whole) {
    return whole <= 0 ? 0 : Math.round(100.0 * part / whole);
  }

  /** Appends {@code value} in [0, 1000) with two decimals ("0.77"); NaN as "NaN". */
  public static StringBuilder twoDecimals(StringBuilder b, double value) {
    if (Double.isNaN(value)) {
      return b.append("NaN");
    }
    long hundredths = Math.round(Math.abs(value) * 100);
    if (value < 0 && hundredths != 0) {
      b.append('-');
    }
    b.append(hundredths / 100).append('.');
    long frac = hundredths % 100;
    if (frac < 10) {
      b.append('0');
    }
    return b.append(frac);
  }
}
