package dev.distillwatch.simulator.baseline;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Signal;
import java.util.Arrays;
import java.util.Locale;

/**
 * BASELINE, not part of DistillWatch: Blacklight, after H. Li, S. Shan, E. Wenger, J. Zhang, H.
 * Zheng and B. Y. Zhao, "Blacklight: Scalable Defense for Neural Networks against Query-Based
 * Black-Box Attacks", USENIX Security 2022.
 *
 * <p>Blacklight quantises each query, hashes every sliding window of it, keeps the top S hashes
 * as the query's fingerprint, and looks them up in one global store of all earlier queries'
 * fingerprints: a query sharing at least a threshold of its hashes with the store matches an
 * earlier query and is flagged as an attack query. Adapted to text and attributed per account:
 * quantised tokens are lower-case words with every digit read as 0, windows are
 * {@value #WIDTH} tokens, S = {@value #S} (the smallest hashes), a query matches when at least
 * half of its fingerprint is already stored (queries of fewer than 5 windows are not tested), and
 * an account is flagged after {@value #MATCHES} matching queries. The store is a fixed table of
 * 2^22 hashes (32 MB) that overwrites old entries when a probe run is full; per account one
 * counter, at most {@code maximumAccounts} accounts (LRU).
 *
 * <p>Score: {@code 0.8 * matches / }{@value #MATCHES}, capped at 1.
 */
public final class BlacklightBaseline implements Detector {
  /** The detector name. */
  public static final String NAME = "baseline-blacklight";
  static final int WIDTH = 5;
  static final int S = 50;
  static final int MATCHES = 10;
  private static final int MIN_WINDOWS = 5;
  private static final int PROBES = 8;

  private final TextFeatures features;
  private final long[] store;
  private final int mask;
  private final BoundedAccounts<long[]> accounts;

  /** Blacklight hashing with {@code seed}, tracking at most {@code maximumAccounts} accounts. */
  public BlacklightBaseline(long seed, int maximumAccounts) {
    this(seed, maximumAccounts, 22);
  }

  BlacklightBaseline(long seed, int maximumAccounts, int log2Capacity) {
    this.features = new TextFeatures(seed);
    this.store = new long[1 << log2Capacity];
    this.mask = store.length - 1;
    this.accounts = new BoundedAccounts<>(maximumAccounts);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Signal inspect(Exchange exchange) {
    long[] windows = TextFeatures.windows(features.tokens(exchange.lastUserText()), WIDTH);
    long[] fingerprint = smallestDistinct(windows, S);
    synchronized (this) {
      long[] count = accounts.get(exchange.account(), () -> new long[1]);
      if (fingerprint.length >= MIN_WINDOWS) {
        int found = 0;
        for (long h : fingerprint) {
          if (contains(h)) {
            found++;
          }
        }
        if (2 * found >= fingerprint.length) {
          count[0]++;
        }
        for (long h : fingerprint) {
          insert(h);
        }
      }
      if (count[0] == 0) {
        return Signal.none(NAME);
      }
      // from the flag on the score keeps rising with the count, never saturating (see MatchedFpr)
      double score = count[0] < MATCHES ? 0.8 * count[0] / MATCHES : Math.max(0.8, 1 - 0.2 * MATCHES / count[0]);
      return Signal.of(NAME, score,
          String.format(Locale.ROOT, "%d queries matched stored fingerprints, flag at %d", count[0], MATCHES));
    }
  }

  private static long[] smallestDistinct(long[] hashes, int s) {
    long[] v = hashes.clone();
    Arrays.sort(v);
    int n = 0;
    for (int i = 0; i < v.length && n < s; i++) {
      if (v[i] != 0 && (n == 0 || v[i] != v[n - 1])) {
        v[n++] = v[i];
      }
    }
    return Arrays.copyOf(v, n);
  }

  private boolean contains(long h) {
    int i = (int) TextFeatures.mix(h) & mask;
    for (int p = 0; p < PROBES; p++) {
      long v = store[(i + p) & mask];
      if (v == h) {
        return true;
      }
      if (v == 0) {
        return false;
      }
    }
    return false;
  }

  private void insert(long h) {
    int i = (int) TextFeatures.mix(h) & mask;
    for (int p = 0; p < PROBES; p++) {
      int j = (i + p) & mask;
      if (store[j] == h) {
        return;
      }
      if (store[j] == 0) {
        store[j] = h;
        return;
      }
    }
    store[(i + (int) (h >>> 61)) & mask] = h; // full run: overwrite one of its first entries
  }
}
