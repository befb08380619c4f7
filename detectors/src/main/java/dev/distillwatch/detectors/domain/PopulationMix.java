package dev.distillwatch.detectors.domain;

/**
 * The population's domain mix: a time-decayed count per domain — eight numbers, the whole
 * "sketch" — split into stripes with a lock each, so concurrent requests rarely contend and no
 * lock is global. Fixed size whatever the traffic.
 */
final class PopulationMix {
  private static final int STRIPES = 8;

  private final double decayPerMilli;
  private final Stripe[] stripes = new Stripe[STRIPES];

  PopulationMix(double decayPerMilli) {
    this.decayPerMilli = decayPerMilli;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /** Adds {@code weight} requests of domain {@code d} at {@code now}; {@code hint} picks the stripe. */
  void add(int d, double weight, long now, int hint) {
    Stripe s = stripes[(hint ^ (hint >>> 16)) & (STRIPES - 1)];
    synchronized (s) {
      s.decayTo(now, decayPerMilli);
      s.counts[d] += weight;
    }
  }

  /**
   * Writes the decayed counts at {@code now} into {@code out} (length {@link Domain#COUNT}) and
   * returns their sum.
   */
  double counts(long now, double[] out) {
    java.util.Arrays.fill(out, 0.0);
    for (Stripe s : stripes) {
      synchronized (s) {
        double f = s.last == Long.MIN_VALUE ? 0.0 : Math.exp(-Math.max(0, now - s.last) * decayPerMilli);
        for (int d = 0; d < out.length; d++) {
          out[d] += s.counts[d] * f;
        }
      }
    }
    double sum = 0;
    for (double v : out) {
      sum += v;
    }
    return sum;
  }

  private static final class Stripe {
    final double[] counts = new double[Domain.COUNT];
    long last = Long.MIN_VALUE;

    void decayTo(long now, double decayPerMilli) {
      if (last == Long.MIN_VALUE) {
        last = now;
        return;
      }
      if (now > last) {
        double f = Math.exp(-(now - last) * decayPerMilli);
        for (int d = 0; d < counts.length; d++) {
          counts[d] *= f;
        }
        last = now;
      }
    }
  }
}
