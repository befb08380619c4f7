package dev.distillwatch.simulator.baseline;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Signal;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * BASELINE, not part of DistillWatch: a per-account daily volume cap, the rate limit operators
 * deploy first. Flags an account whose requests in one UTC day exceed the cap; the cap is set at
 * the benign population's 99.9th percentile of requests per account-day, measured on a separate
 * benign-only run ({@link #calibrate}).
 *
 * <p>Score: {@code 0.8 * count / cap} up to the cap (below the flag threshold), from 0.8 to 1
 * above it. Memory: one counter per account, at most {@code maximumAccounts} accounts (LRU).
 */
public final class VolumeCapBaseline implements Detector {
  /** The detector name. */
  public static final String NAME = "baseline-volume-cap";
  private static final long DAY = 86_400_000L;

  private final int cap;
  private final BoundedAccounts<long[]> accounts;

  /** A cap of {@code cap} requests per account per UTC day, tracking at most {@code maximumAccounts}. */
  public VolumeCapBaseline(int cap, int maximumAccounts) {
    if (cap <= 0) {
      throw new IllegalArgumentException("cap must be positive, was " + cap);
    }
    this.cap = cap;
    this.accounts = new BoundedAccounts<>(maximumAccounts);
  }

  /**
   * The nearest-rank {@code quantile} of requests per account per UTC day among the
   * benign-labelled exchanges of {@code traffic}, which must be in timestamp order. Memory: the
   * accounts active in one day, plus one integer per account-day.
   */
  public static int calibrate(Iterator<LabelledExchange> traffic, double quantile) {
    return calibrate(sink -> traffic.forEachRemaining(sink), quantile);
  }

  /** As {@link #calibrate(Iterator, double)}, for traffic pushed by {@code source}. */
  public static int calibrate(Consumer<Consumer<LabelledExchange>> source, double quantile) {
    Map<String, Integer> today = new HashMap<>();
    int[][] counts = {new int[1024]};
    int[] n = {0};
    long[] day = {Long.MIN_VALUE};
    Runnable endOfDay = () -> {
      for (int c : today.values()) {
        if (n[0] == counts[0].length) {
          counts[0] = Arrays.copyOf(counts[0], n[0] * 2);
        }
        counts[0][n[0]++] = c;
      }
      today.clear();
    };
    source.accept(e -> {
      long d = Math.floorDiv(e.exchange().timestamp(), DAY);
      if (d != day[0]) {
        endOfDay.run();
        day[0] = d;
      }
      if (e.label().kind() == Label.Kind.BENIGN) {
        today.merge(e.exchange().account(), 1, Integer::sum);
      }
    });
    endOfDay.run();
    if (n[0] == 0) {
      throw new IllegalArgumentException("no benign traffic to calibrate the volume cap on");
    }
    Arrays.sort(counts[0], 0, n[0]);
    int rank = (int) Math.ceil(quantile * n[0]);
    return counts[0][Math.max(0, Math.min(n[0] - 1, rank - 1))];
  }

  /** The cap, in requests per account per UTC day. */
  public int cap() {
    return cap;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized Signal inspect(Exchange exchange) {
    long[] s = accounts.get(exchange.account(), () -> new long[] {Long.MIN_VALUE, 0});
    long day = Math.floorDiv(exchange.timestamp(), DAY);
    if (s[0] != day) {
      s[0] = day;
      s[1] = 0;
    }
    long count = ++s[1];
    // above the cap the score keeps rising with the count, never saturating, so that the harness can
    // re-threshold it at a stricter cap (MatchedFpr)
    double score = count <= cap ? 0.8 * count / (cap + 1.0) : 0.8 + 0.2 * (1 - (double) cap / count);
    return Signal.of(NAME, score, String.format(Locale.ROOT, "%d requests today, cap %d", count, cap));
  }
}
