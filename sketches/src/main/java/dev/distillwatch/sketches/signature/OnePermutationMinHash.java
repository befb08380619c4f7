package dev.distillwatch.sketches.signature;

/**
 * One-permutation MinHash with optimal densification: a k-component MinHash signature of a set of
 * 64-bit element hashes in expected O(n + k) time for n ≥ k, instead of the O(n·k) of classic
 * MinHash or the ~20–30 µs per 200 elements measured here for hash4j's SuperMinHash.
 *
 * <p>Each element hash is mixed with the seed, its high 32 bits pick one of k bins
 * (Lemire's fast range) and the bin keeps the smallest mixed value (Li, Owen, Zhang, "One
 * Permutation Hashing", NIPS 2012). Empty bins borrow the value of the first non-empty bin on a
 * bin-specific pseudo-random probe sequence (Shrivastava, "Optimal Densification for Fast and
 * Accurate Minwise Hashing", ICML 2017), which keeps the estimator unbiased and its variance close
 * to that of k independent MinHashes. Probing costs O(k / filled) per empty bin, so sets much
 * smaller than k cost up to O(k²/n); skeletons of the {@link
 * dev.distillwatch.sketches.text.PromptShingler} have at least ~40 elements.
 *
 * <p>Components are 63-bit values; {@link #similarity} (fraction of equal components) estimates
 * the Jaccard similarity J with standard error {@code sqrt(J(1-J)/k)} (tested against hash4j
 * SuperMinHash). Written here because hash4j offers no one-permutation scheme; element hashing
 * itself comes from hash4j (keyed by the deployment seed). Immutable and thread-safe; {@code
 * compute} allocates nothing when given an output array.
 */
public final class OnePermutationMinHash {
  /**
   * Version of the signature algorithm. Signatures persisted with one version must not be
   * compared with signatures of another; bump on any change of bin, value or probe computation.
   */
  public static final int VERSION = 1;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long EMPTY = Long.MAX_VALUE;

  /** How far into its probe sequence a bin's look-ups come from {@link #probes}. */
  private static final int TABULATED_PROBES = 64;

  private final int k;
  private final long seed;
  /**
   * The probe sequence of densification, tabulated: empty bin {@code i} probes the bins {@code
   * probe(i + 2)}, {@code probe(i + 3)}, ..., where {@code probe(m)} is the bin of {@code mix(seed
   * + m * GOLDEN)}, so every bin's sequence is a window of this one. Short prompts leave most bins
   * empty (a one-line prompt has ~80 elements for 128 bins: ~250 probes), and a table read costs
   * less than a mix. Positions past the table are computed.
   */
  private final int[] probes;

  private OnePermutationMinHash(int k, long seed) {
    if (k < 2 || k > (1 << 20)) {
      throw new IllegalArgumentException("number of components must be in [2, 2^20]: " + k);
    }
    this.k = k;
    this.seed = seed;
    this.probes = new int[Math.min(k, 1 << 12) + 2 + TABULATED_PROBES]; // 16 KB at most
    for (int m = 0; m < probes.length; m++) {
      probes[m] = probe(m);
    }
  }

  /** The bin probed at position {@code m} of the probe sequence. */
  private int probe(int m) {
    return (int) (((mix(seed + m * GOLDEN) >>> 32) * k) >>> 32);
  }

  /** A hasher producing {@code components} components, keyed by {@code seed}. */
  public static OnePermutationMinHash create(int components, long seed) {
    return new OnePermutationMinHash(components, seed);
  }

  /** Number of components k. */
  public int components() {
    return k;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** Computes the signature of the first {@code n} element hashes into a new array. */
  public long[] compute(long[] elementHashes, int n) {
    long[] out = new long[k];
    compute(elementHashes, n, out);
    return out;
  }

  /**
   * Computes the signature of {@code elementHashes[0..n)} into {@code out} (length ≥ k).
   * Duplicate elements are harmless (set semantics). The empty set gets an all-{@code -1}
   * signature.
   */
  public void compute(long[] elementHashes, int n, long[] out) {
    if (out.length < k) {
      throw new IllegalArgumentException("output has " + out.length + " slots, need " + k);
    }
    java.util.Arrays.fill(out, 0, k, EMPTY);
    for (int i = 0; i < n; i++) {
      long h = mix(elementHashes[i] ^ seed);
      int bin = (int) (((h >>> 32) * k) >>> 32);
      out[bin] = Math.min(out[bin], h >>> 1); // branch-free; EMPTY is Long.MAX_VALUE
    }
    // Branch-free from here on but for the probes: which bins are empty is as random as the
    // elements, and a branch on it mispredicts about once per empty bin (measured: a third of the
    // cost of the signature of a 1 KB prompt's skeleton). The empty bins are found 64 at a time,
    // as a bit mask, so that nothing is allocated.
    int empty = 0;
    for (int i = 0; i < k; i++) {
      empty += out[i] == EMPTY ? 1 : 0;
    }
    if (empty == k) {
      java.util.Arrays.fill(out, 0, k, -1L);
      return;
    }
    if (empty == 0) {
      return;
    }
    // Optimal densification: borrowed values are stored complemented (negative) so that probes
    // only ever copy from bins that were filled by elements, then restored.
    for (int c = 0; c < k; c += 64) {
      int end = Math.min(k, c + 64);
      long mask = 0;
      for (int i = c; i < end; i++) {
        mask |= (out[i] == EMPTY ? 1L : 0L) << (i - c);
      }
      for (; mask != 0; mask &= mask - 1) {
        int i = c + Long.numberOfTrailingZeros(mask);
        for (int m = i + 2; ; m++) {
          int j = m < probes.length ? probes[m] : probe(m);
          long donor = out[j];
          if (donor + 1 > 0) { // filled by an element: neither EMPTY (+1 overflows) nor borrowed
            out[i] = ~donor;
            break;
          }
        }
      }
    }
    for (int i = 0; i < k; i++) {
      long x = out[i];
      out[i] = x ^ (x >> 63); // ~x where borrowed (negative), x elsewhere
    }
  }

  /** Number of equal components of two signatures of the same size. */
  public static int equalComponents(long[] a, long[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("signature sizes differ: " + a.length + " vs " + b.length);
    }
    return equalComponents(a, 0, b, 0, a.length);
  }

  /** Number of equal components of {@code a[aFrom..aFrom+k)} and {@code b[bFrom..bFrom+k)}. */
  public static int equalComponents(long[] a, int aFrom, long[] b, int bFrom, int k) {
    int equal = 0;
    for (int i = 0; i < k; i++) {
      if (a[aFrom + i] == b[bFrom + i]) {
        equal++;
      }
    }
    return equal;
  }

  /** Estimated Jaccard similarity: the fraction of equal components. */
  public static double similarity(long[] a, long[] b) {
    return equalComponents(a, b) / (double) a.length;
  }

  /** Murmur3 fmix64 finaliser. */
  static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }
}
