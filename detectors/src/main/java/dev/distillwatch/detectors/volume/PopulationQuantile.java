package dev.distillwatch.detectors.volume;

import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * A population's distribution of one per-account count (requests per account-day, per
 * account-hour) in a KLL sketch, read through a cached quantile so that the request path never
 * sorts. Updates are rare (one per account per completed period) and synchronised; reads are a
 * volatile load.
 */
final class PopulationQuantile {
  private static final int K = 200; // normalized rank error ~1.65% (DataSketches KLL table)

  private final double rank;
  private final int refreshEvery;
  private final KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(K);
  private volatile double cached = Double.NaN;
  private volatile long count;
  private int sinceRefresh;

  PopulationQuantile(double rank, int refreshEvery) {
    this.rank = rank;
    this.refreshEvery = refreshEvery;
  }

  synchronized void update(double value) {
    sketch.update(value);
    count = sketch.getN();
    if (++sinceRefresh >= refreshEvery || count < 4L * refreshEvery) {
      sinceRefresh = 0;
      cached = sketch.getQuantile(rank);
    }
  }

  /** The quantile at the configured rank, or NaN before any update. */
  double quantile() {
    return cached;
  }

  /** How many values the population has seen. */
  long count() {
    return count;
  }
}
