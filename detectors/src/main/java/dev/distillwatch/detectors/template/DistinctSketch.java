package dev.distillwatch.detectors.template;

import java.util.Arrays;

/**
 * A tiny distinct counter (K minimum values, Bar-Yossef et al. 2002; Beyer et al. 2007): keeps the
 * {@code k} smallest distinct 64-bit hashes seen, as unsigned values. Exact below {@code k}
 * distinct values; above, estimates {@code (k - 1) / u_k} where {@code u_k} is the k-th smallest
 * hash as a fraction of 2^64, with relative standard error ≈ {@code 1 / sqrt(k - 2)} (k = 16:
 * ~27 %). Memory grows on demand up to {@code k} longs. Not thread-safe; callers synchronise.
 */
final class DistinctSketch {
  private final int k;
  private long[] values;
  private int size;

  DistinctSketch(int k) {
    if (k < 3) {
      throw new IllegalArgumentException("k must be at least 3: " + k);
    }
    this.k = k;
    this.values = new long[Math.min(k, 4)];
  }

  /** Adds a hash (should be well mixed); returns true if the sketch changed. */
  boolean add(long hash) {
    if (size == k && Long.compareUnsigned(hash, values[k - 1]) >= 0) {
      return false;
    }
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Long.compareUnsigned(values[mid], hash);
      if (c == 0) {
        return false;
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (size < k) {
      if (size == values.length) {
        values = Arrays.copyOf(values, Math.min(k, size * 2));
      }
      System.arraycopy(values, lo, values, lo + 1, size - lo);
      size++;
    } else {
      System.arraycopy(values, lo, values, lo + 1, k - 1 - lo);
    }
    values[lo] = hash;
    return true;
  }

  /** The estimated number of distinct hashes added. */
  double estimate() {
    if (size < k) {
      return size;
    }
    double u = (double) (values[k - 1] >>> 11) * 0x1.0p-53;
    return u <= 0 ? size : Math.max(k, (k - 1) / u);
  }
}
