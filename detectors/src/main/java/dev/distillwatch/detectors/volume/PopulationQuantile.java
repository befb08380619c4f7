package dev.distillwatch.detectors.volume;

import org.HdrHistogram.Histogram;

/**
 * A population's distribution of one per-account count (requests per account-day, per
 * account-hour), read through a cached quantile so that the request path never scans it.
 *
 * <p>An HdrHistogram with two significant digits (relative error at most 1%) rather than a
 * DataSketches KLL sketch: the values are small integers, for which a log-bucketed histogram is
 * exact to 1% in a few kilobytes, and it is deterministic. KLL draws its compaction coin flips
 * from one static, unseeded {@code Random} shared by every sketch in the JVM, so a replay of the
 * same log would quote different quantiles, evidence and scores from run to run.
 *
 * <p>Updates are rare (one per account per completed period) and synchronised; reads are a
 * volatile load.
 */
final class PopulationQuantile {
  private final double percentile;
  private final int refreshEvery;
  private final Histogram histogram = new Histogram(2);
  private volatile double cached = Double.NaN;
  private int sinceRefresh;

  PopulationQuantile(double rank, int refreshEvery) {
    this.percentile = rank * 100.0;
    this.refreshEvery = refreshEvery;
  }

  synchronized void update(long value) {
    histogram.recordValue(Math.max(0, value));
    long count = histogram.getTotalCount();
    if (++sinceRefresh >= refreshEvery || count < 4L * refreshEvery) {
      sinceRefresh = 0;
      cached = histogram.getValueAtPercentile(percentile);
    }
  }

  /** The quantile at the configured rank, or NaN before any update. */
  double quantile() {
    return cached;
  }
}
