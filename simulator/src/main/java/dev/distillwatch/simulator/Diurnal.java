package dev.distillwatch.simulator;

import java.util.SplittableRandom;

/**
 * A weekly activity profile in local time, and arrival times drawn from it: a Poisson process
 * whose rate follows the profile, sampled by thinning (Lewis and Shedler 1979).
 */
public final class Diurnal {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  /** People at home and at work: low at night, a plateau through the day, an evening bump. */
  public static final Diurnal PERSONAL = new Diurnal(new double[] {
      0.15, 0.08, 0.05, 0.04, 0.04, 0.06, 0.12, 0.25, 0.45, 0.70, 0.85, 0.90,
      0.85, 0.85, 0.90, 0.90, 0.85, 0.75, 0.70, 0.75, 0.80, 0.75, 0.55, 0.30}, 0.65);
  /** Office hours on weekdays; little at night and at weekends. */
  public static final Diurnal OFFICE = new Diurnal(new double[] {
      0.02, 0.02, 0.02, 0.02, 0.02, 0.03, 0.08, 0.30, 0.75, 1.00, 1.00, 0.95,
      0.70, 0.90, 1.00, 1.00, 0.95, 0.70, 0.40, 0.25, 0.20, 0.15, 0.08, 0.04}, 0.12);
  /** Round the clock. */
  public static final Diurnal FLAT = new Diurnal(new double[] {
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1.0);

  private final double[] hourly;
  private final double weekend;
  private final double mean;

  private Diurnal(double[] hourly, double weekend) {
    this.hourly = hourly.clone();
    this.weekend = weekend;
    double sum = 0;
    for (double h : hourly) {
      sum += h;
    }
    this.mean = sum / 24 * (5 + 2 * weekend) / 7;
  }

  /** The relative activity in [0, 1] at {@code time} for someone at UTC offset {@code offsetMinutes}. */
  public double weight(long time, int offsetMinutes) {
    long local = time + offsetMinutes * 60_000L;
    int hour = (int) Math.floorMod(local / HOUR, 24L);
    long day = Math.floorDiv(local, DAY);
    int dayOfWeek = (int) Math.floorMod(day + 3, 7L); // 1970-01-01 was a Thursday; 0 = Monday
    return hourly[hour] * (dayOfWeek >= 5 ? weekend : 1.0);
  }

  /**
   * The next arrival after {@code from} of a process whose average rate over a week is
   * {@code meanPerMilli} and whose shape is this profile.
   */
  public long next(long from, double meanPerMilli, int offsetMinutes, SplittableRandom random) {
    if (meanPerMilli <= 0) {
      return Long.MAX_VALUE;
    }
    double peak = meanPerMilli / mean;
    double t = from;
    for (int i = 0; i < 1_000_000; i++) {
      t += -StrictMath.log(1.0 - random.nextDouble()) / peak;
      if (t >= Long.MAX_VALUE / 2) {
        return Long.MAX_VALUE;
      }
      if (random.nextDouble() < weight((long) t, offsetMinutes)) {
        return (long) Math.ceil(t);
      }
    }
    return Long.MAX_VALUE;
  }

  /** An exponential gap with the given mean, in milliseconds, at least 1. */
  public static long exponential(double meanMillis, SplittableRandom random) {
    return Math.max(1, (long) (-StrictMath.log(1.0 - random.nextDouble()) * meanMillis));
  }

  /** A log-normal gap with the given median and shape, in milliseconds, at least 1. */
  public static long logNormal(double medianMillis, double sigma, SplittableRandom random) {
    return Math.max(1, (long) (medianMillis * StrictMath.exp(sigma * gaussian(random))));
  }

  /** A standard normal deviate (Box-Muller), from {@code random} alone. */
  public static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
  }
}
