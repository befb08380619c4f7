package dev.distillwatch.sketches.counter;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import dev.distillwatch.sketches.SketchFamily;
import dev.distillwatch.sketches.SketchHeader;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fixed-memory per-key counts: a count-min sketch (Cormode and Muthukrishnan, "An improved data
 * stream summary: the count-min sketch and its applications", J. Algorithms 2005) with periodic
 * halving as in Caffeine's {@code FrequencySketch} (Einziger, Friedman, Manes, "TinyLFU", ACM ToS
 * 2017), which is internal to Caffeine and sized for 4-bit counters, hence this class.
 *
 * <p>{@code depth} rows of {@code width} int counters; a key is hashed once with hash4j
 * komihash 5.0 keyed by the seed and the row positions derived by double hashing (Kirsch and
 * Mitzenmacher 2006). <b>Error bound</b> (no halving since the counts began): the estimate never
 * undercounts, and {@code estimate ≤ true + ε·N} with probability at least {@code 1 − δ}, where
 * {@code ε = e / width}, {@code δ = e^−depth} and N = {@link #totalCount()} (tested with a
 * binomial test). After every {@code halvingPeriod} additions all counters and N are halved, so
 * counts decay with that period and the bound holds for the halved counts up to rounding of
 * {@code depth} halvings.
 *
 * <p>Memory: {@code 4 · width · depth} bytes. {@link #merge} adds counters: exact (identical to
 * sketching the concatenated streams) while neither side has halved, commutative and associative.
 * Not thread-safe.
 */
public final class CountMinSketch {
  /** Persisted format version. */
  public static final int FORMAT_VERSION = 1;

  private final int width;
  private final int depth;
  private final long seed;
  private final long halvingPeriod;
  private final int mask;
  private final Hasher64 hasher;
  private final int[] counters;
  private long additions; // since the last halving
  private long totalCount; // halved together with the counters

  private CountMinSketch(int width, int depth, long seed, long halvingPeriod) {
    this.width = width;
    this.depth = depth;
    this.seed = seed;
    this.halvingPeriod = halvingPeriod;
    this.mask = width - 1;
    this.hasher = Hashing.komihash5_0(seed);
    this.counters = new int[width * depth];
  }

  /**
   * A sketch with relative error {@code epsilon} at confidence {@code 1 − delta}: width =
   * next power of two ≥ e/ε, depth = ⌈ln(1/δ)⌉.
   *
   * @param halvingPeriod additions after which all counts halve; 0 disables halving
   */
  public static CountMinSketch withError(double epsilon, double delta, long seed, long halvingPeriod) {
    if (!(epsilon > 0 && epsilon < 1 && delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("epsilon and delta must be in (0, 1)");
    }
    int width = Integer.highestOneBit((int) Math.ceil(Math.E / epsilon) - 1) << 1;
    int depth = (int) Math.ceil(Math.log(1 / delta));
    return create(width, depth, seed, halvingPeriod);
  }

  /**
   * A sketch of {@code depth} rows of {@code width} counters.
   *
   * @param width counters per row, a power of two in [2, 2^26]
   * @param depth rows in [1, 16]
   * @param seed deployment secret keying the hash
   * @param halvingPeriod additions after which all counts halve; 0 disables halving
   */
  public static CountMinSketch create(int width, int depth, long seed, long halvingPeriod) {
    if (width < 2 || width > (1 << 26) || Integer.bitCount(width) != 1) {
      throw new IllegalArgumentException("width must be a power of two in [2, 2^26]: " + width);
    }
    if (depth < 1 || depth > 16) {
      throw new IllegalArgumentException("depth must be in [1, 16]: " + depth);
    }
    if (halvingPeriod < 0) {
      throw new IllegalArgumentException("halvingPeriod must be ≥ 0: " + halvingPeriod);
    }
    return new CountMinSketch(width, depth, seed, halvingPeriod);
  }

  /** Counts one occurrence of {@code key}. */
  public void add(long key) {
    add(key, 1);
  }

  /** Counts {@code count ≥ 0} occurrences of {@code key}; counters saturate at 2^31 − 1. */
  public void add(long key, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be ≥ 0: " + count);
    }
    long h = hasher.hashLongToLong(key);
    int h1 = (int) h;
    int h2 = (int) (h >>> 32) | 1;
    for (int row = 0; row < depth; row++) {
      int index = row * width + ((h1 + row * h2) & mask);
      long sum = (long) counters[index] + count;
      counters[index] = sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
    }
    totalCount += count;
    additions += count;
    if (halvingPeriod > 0 && additions >= halvingPeriod) {
      halve();
    }
  }

  /** Estimated count of {@code key}: the minimum over its counters. */
  public long estimate(long key) {
    long h = hasher.hashLongToLong(key);
    int h1 = (int) h;
    int h2 = (int) (h >>> 32) | 1;
    int min = Integer.MAX_VALUE;
    for (int row = 0; row < depth; row++) {
      min = Math.min(min, counters[row * width + ((h1 + row * h2) & mask)]);
    }
    return min;
  }

  /** The additive error ε·N that {@link #estimate} stays within with probability 1 − δ. */
  public double errorBound() {
    return Math.E / width * totalCount;
  }

  /** Probability δ = e^−depth that an estimate exceeds {@link #errorBound()}. */
  public double failureProbability() {
    return Math.exp(-depth);
  }

  /** Total of all counts added (halved together with the counters). */
  public long totalCount() {
    return totalCount;
  }

  /** Counters per row. */
  public int width() {
    return width;
  }

  /** Number of rows. */
  public int depth() {
    return depth;
  }

  /** Halves all counters and the total, as after every halving period. */
  public void halve() {
    for (int i = 0; i < counters.length; i++) {
      counters[i] >>>= 1;
    }
    totalCount >>>= 1;
    additions = 0;
  }

  /**
   * Adds the counts of {@code other} (same width, depth, seed and period) into this sketch.
   *
   * @throws IllegalArgumentException if the configurations differ
   */
  public CountMinSketch merge(CountMinSketch other) {
    if (other.width != width || other.depth != depth || other.seed != seed
        || other.halvingPeriod != halvingPeriod) {
      throw new IllegalArgumentException("cannot merge count-min sketches of different configuration");
    }
    for (int i = 0; i < counters.length; i++) {
      long sum = (long) counters[i] + other.counters[i];
      counters[i] = sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
    }
    totalCount += other.totalCount;
    additions += other.additions;
    if (halvingPeriod > 0 && additions >= halvingPeriod) {
      halve();
    }
    return this;
  }

  /** A deep copy. */
  public CountMinSketch copy() {
    CountMinSketch copy = new CountMinSketch(width, depth, seed, halvingPeriod);
    System.arraycopy(counters, 0, copy.counters, 0, counters.length);
    copy.additions = additions;
    copy.totalCount = totalCount;
    return copy;
  }

  /**
   * Serialises the sketch. Layout after the 8-byte header (family {@link SketchFamily#COUNT_MIN},
   * version {@value #FORMAT_VERSION}), little-endian: {@code int width, int depth, long seed,
   * long halvingPeriod, long additions, long totalCount, width·depth × int counters} (row-major).
   */
  public byte[] toByteArray() {
    ByteBuffer buffer = SketchHeader.allocate(SketchFamily.COUNT_MIN, FORMAT_VERSION,
        40 + 4 * counters.length);
    buffer.putInt(width).putInt(depth).putLong(seed).putLong(halvingPeriod)
        .putLong(additions).putLong(totalCount);
    for (int counter : counters) {
      buffer.putInt(counter);
    }
    return buffer.array();
  }

  /**
   * Restores a sketch written by {@link #toByteArray()}.
   *
   * @throws dev.distillwatch.sketches.SketchFormatException if the bytes are not a valid sketch
   */
  public static CountMinSketch fromByteArray(byte[] bytes) {
    SketchHeader.Reader in = SketchHeader.read(bytes, SketchFamily.COUNT_MIN, FORMAT_VERSION);
    int width = in.getInt("width", 2, 1 << 26);
    if (Integer.bitCount(width) != 1) {
      throw in.fail("width " + width + " is not a power of two");
    }
    int depth = in.getInt("depth", 1, 16);
    long seed = in.getLong("seed");
    long period = in.getLong("halvingPeriod");
    if (period < 0) {
      throw in.fail("negative halvingPeriod " + period);
    }
    CountMinSketch sketch = new CountMinSketch(width, depth, seed, period);
    sketch.additions = in.getLong("additions");
    sketch.totalCount = in.getLong("totalCount");
    if (sketch.additions < 0 || sketch.totalCount < 0) {
      throw in.fail("negative additions or totalCount");
    }
    for (int i = 0; i < sketch.counters.length; i++) {
      int value = in.getInt("counter " + i);
      if (value < 0) {
        throw in.fail("negative counter " + value + " at index " + i);
      }
      sketch.counters[i] = value;
    }
    in.expectEnd();
    return sketch;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CountMinSketch && Arrays.equals(toByteArray(), ((CountMinSketch) o).toByteArray());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counters);
  }
}
