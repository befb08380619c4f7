package dev.distillwatch.simulator.baseline;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.Arrays;

/**
 * The text features the baselines share: quantised word tokens (lower case, every digit read as
 * 0), hashes of sliding windows of tokens (shingles), bottom-k sketches of those hashes and the
 * Jaccard similarity they estimate (Broder 1997). Hashes are seeded so outsiders cannot aim at
 * collisions.
 */
public final class TextFeatures {
  private static final int MAX_TOKENS = 4_096;

  private final Hasher64 hasher;

  /** Features hashed with the given seed. */
  public TextFeatures(long seed) {
    this.hasher = Hashing.komihash5_0(seed);
  }

  /** The hashes of the first {@value #MAX_TOKENS} quantised word tokens of {@code text}. */
  public long[] tokens(String text) {
    long[] out = new long[16];
    int n = 0;
    StringBuilder token = new StringBuilder(16);
    for (int i = 0, len = text.length(); i <= len && n < MAX_TOKENS; i++) {
      char c = i < len ? text.charAt(i) : ' ';
      if (Character.isLetterOrDigit(c)) {
        token.append(Character.isDigit(c) ? '0' : Character.toLowerCase(c));
      } else if (token.length() > 0) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = hasher.hashCharsToLong(token);
        token.setLength(0);
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * The hashes of every window of {@code width} consecutive tokens; one hash of all tokens if
   * there are fewer, none if there are none.
   */
  public static long[] windows(long[] tokens, int width) {
    if (tokens.length == 0) {
      return tokens;
    }
    int count = Math.max(1, tokens.length - width + 1);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      long h = 0x9E3779B97F4A7C15L;
      for (int j = i, end = Math.min(tokens.length, i + width); j < end; j++) {
        h = mix(h ^ tokens[j]);
      }
      out[i] = h;
    }
    return out;
  }

  /** The {@code k} smallest distinct values of the upper 32 bits of {@code hashes}, ascending. */
  public static int[] bottomK(long[] hashes, int k) {
    int[] v = new int[hashes.length];
    for (int i = 0; i < hashes.length; i++) {
      v[i] = (int) (hashes[i] >>> 32);
    }
    Arrays.sort(v);
    int n = 0;
    for (int i = 0; i < v.length && n < k; i++) {
      if (n == 0 || v[i] != v[n - 1]) {
        v[n++] = v[i];
      }
    }
    return Arrays.copyOf(v, n);
  }

  /**
   * The Jaccard similarity of the two sets that bottom-k sketches {@code a} and {@code b}
   * summarise: among the k smallest values of their union, the share found in both. Exact when
   * both sets have fewer than k elements.
   */
  public static double jaccard(int[] a, int[] b, int k) {
    if (a.length == 0 && b.length == 0) {
      return 1.0;
    }
    int i = 0;
    int j = 0;
    int union = 0;
    int both = 0;
    while (union < k && (i < a.length || j < b.length)) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) {
        i++;
      } else if (i >= a.length || b[j] < a[i]) {
        j++;
      } else {
        i++;
        j++;
        both++;
      }
      union++;
    }
    return (double) both / union;
  }

  /** The finaliser of SplitMix64 (Steele, Lea and Flood 2014). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
