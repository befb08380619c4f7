package dev.distillwatch.detectors.coordination;

import dev.distillwatch.sketches.counter.CountMinSketch;

/**
 * Bursts on the account→template edge stream, after MIDAS-R (Bhatia, Hooi, Yoon, Shin, Faloutsos,
 * "MIDAS: Microcluster-Based Detector of Anomalies in Edge Streams", AAAI 2020): per template key,
 * a count-min sketch of its edges in the current tick, decayed by half at each new tick as MIDAS-R
 * decays them, and one of its edges over all ticks; the chi-squared statistic of the current count
 * against the mean count per tick says how sudden the template's activity is. No Java library
 * implements MIDAS; the counting is the sketches module's {@link CountMinSketch}, whose counters
 * halve (DataSketches' count-min sketch cannot decay its counts, which MIDAS-R's current counts
 * need).
 *
 * <p>The caller counts an edge once per account per tick, so counts are of accounts pushing tasks
 * through the template, not of requests: a batch job at full speed is one account and no burst; a
 * campaign starting, rotating its templates or pivoting to a new model puts hundreds of accounts on
 * a new template at once (CopyCatch's lockstep: many accounts acting on the same target in the same
 * window). A steady template, however busy, is not a burst.
 *
 * <p>Decayed counts are compared per tick: MIDAS-R's current count, which sums a geometric series of
 * past ticks, is scaled by {@code 1 − α} (α = ½) so that steady traffic scores about 0. A burst is
 * a score of at least {@link #BURST_SCORE} with at least {@link #MINIMUM_ACCOUNTS} accounts and
 * twice the mean: the statistic alone grows with volume, so a busy template's daily peak would
 * pass it.
 *
 * <p>Memory: two sketches of {@value #WIDTH} × {@value #DEPTH} ints (1 MB). {@link #merge} adds
 * another node's counts. Thread-safe (one monitor; the caller observes an edge only on an
 * account's first templated request in a tick).
 */
final class TemplateBursts {
  /** Chi-squared with one degree of freedom at p = 0.001. */
  static final double BURST_SCORE = 10.83;
  /** Fewest accounts on a template in a tick for a burst. */
  static final double MINIMUM_ACCOUNTS = 3;
  /** Length of a tick (one hour). */
  static final long TICK_MILLIS = 3_600_000L;

  private static final int WIDTH = 1 << 15;
  private static final int DEPTH = 4;
  /** Fixed-point unit of one edge, so that halving keeps fractions of an edge. */
  private static final int UNIT = 64;
  /** Ticks of decay after which a current count is gone (64 × 2^-32). */
  private static final int FORGET_TICKS = 32;

  private final long seed;
  private CountMinSketch current;
  private final CountMinSketch total;
  private long firstTick = Long.MIN_VALUE;
  private long tick = Long.MIN_VALUE;

  TemplateBursts(long seed) {
    this.seed = seed;
    this.current = CountMinSketch.create(WIDTH, DEPTH, seed, 0);
    this.total = CountMinSketch.create(WIDTH, DEPTH, seed, 0);
  }

  /** The tick of an epoch-millisecond time. */
  static long tickOf(long time) {
    return Math.floorDiv(time, TICK_MILLIS);
  }

  /**
   * Counts one edge to {@code key} in tick {@code at} (a tick before the current one counts in the
   * current one) and returns the key's burst score after it.
   */
  synchronized double observe(long key, long at) {
    advance(at);
    current.add(key, UNIT);
    total.add(key, UNIT);
    return score(current.estimate(key), total.estimate(key));
  }

  /** Whether {@code score} (from {@link #observe}) marks a burst. */
  static boolean isBurst(double score) {
    return score >= BURST_SCORE;
  }

  /**
   * MIDAS's statistic {@code (a − s/t)² t² / (s (t − 1))} of a current count {@code a} (per tick,
   * see the class comment) against {@code s} edges over {@code t} ticks; 0 unless the count is a
   * burst by {@link #MINIMUM_ACCOUNTS} and twice the mean, or when there is no history yet.
   */
  private double score(long currentUnits, long totalUnits) {
    double t = tick - firstTick + 1;
    if (t < 2 || totalUnits <= 0) {
      return 0;
    }
    double a = currentUnits / 2.0 / UNIT; // × (1 − α)
    double s = totalUnits / (double) UNIT;
    double mean = s / t;
    if (a < MINIMUM_ACCOUNTS || a < 2 * mean) {
      return 0;
    }
    return (a - mean) * (a - mean) * t * t / (s * (t - 1));
  }

  private void advance(long at) {
    if (tick == Long.MIN_VALUE) {
      firstTick = at;
      tick = at;
      return;
    }
    if (at <= tick) {
      return;
    }
    if (at - tick >= FORGET_TICKS) {
      current = CountMinSketch.create(WIDTH, DEPTH, seed, 0);
    } else {
      for (long k = tick; k < at; k++) {
        current.halve();
      }
    }
    tick = at;
  }

  /** Adds another node's counts (same seed): totals add, current counts add at the later tick. */
  void merge(TemplateBursts other) {
    CountMinSketch theirCurrent;
    CountMinSketch theirTotal;
    long theirTick;
    long theirFirst;
    synchronized (other) {
      if (other.tick == Long.MIN_VALUE) {
        return;
      }
      theirCurrent = other.current.copy();
      theirTotal = other.total.copy();
      theirTick = other.tick;
      theirFirst = other.firstTick;
    }
    synchronized (this) {
      if (tick == Long.MIN_VALUE) {
        firstTick = theirFirst;
        tick = theirTick;
      }
      advance(theirTick);
      for (long k = theirTick; k < tick && k < theirTick + FORGET_TICKS; k++) {
        theirCurrent.halve();
      }
      if (tick - theirTick < FORGET_TICKS) {
        current.merge(theirCurrent);
      }
      total.merge(theirTotal);
      firstTick = Math.min(firstTick, theirFirst);
    }
  }
}
