package dev.distillwatch.sketches.datasketches;

import dev.distillwatch.sketches.SketchFamily;
import dev.distillwatch.sketches.SketchFormatException;
import dev.distillwatch.sketches.SketchHeader;
import java.nio.ByteBuffer;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * Distinct counts of long keys (e.g. account hashes per template): a thin adapter over Apache
 * DataSketches' HLL sketch (Flajolet et al. 2007, with DataSketches' HIP estimator), HLL_8 mode.
 *
 * <p><b>Error bound</b>: relative standard error ≈ {@code 1.04/sqrt(2^lgK)} (lgK = 12: 1.6%);
 * {@link #lowerBound}/{@link #upperBound} with {@code numStdDev} ∈ {1, 2, 3} give ≈ 68/95/99.7%
 * confidence intervals (tested). Memory: about {@code 2^lgK} bytes. Mergeable. Not thread-safe.
 */
public final class DistinctCountSketch {
  /** Persisted format version (our header + the DataSketches bytes). */
  public static final int FORMAT_VERSION = 1;

  private HllSketch sketch;

  private DistinctCountSketch(HllSketch sketch) {
    this.sketch = sketch;
  }

  /** A sketch with {@code 2^lgK} buckets, lgK in [4, 21]. */
  public static DistinctCountSketch create(int lgK) {
    if (lgK < 4 || lgK > 21) {
      throw new IllegalArgumentException("lgK must be in [4, 21]: " + lgK);
    }
    return new DistinctCountSketch(new HllSketch(lgK, TgtHllType.HLL_8));
  }

  /** Adds a key. */
  public void update(long key) {
    sketch.update(key);
  }

  /** Merges {@code other} into this sketch (the result keeps this sketch's lgK or less). */
  public DistinctCountSketch merge(DistinctCountSketch other) {
    sketch = HllMerge.union(sketch, other.sketch);
    return this;
  }

  /** Estimated number of distinct keys. */
  public double estimate() {
    return sketch.getEstimate();
  }

  /** Lower bound at {@code numStdDev} ∈ {1, 2, 3} standard deviations. */
  public double lowerBound(int numStdDev) {
    return sketch.getLowerBound(numStdDev);
  }

  /** Upper bound at {@code numStdDev} ∈ {1, 2, 3} standard deviations. */
  public double upperBound(int numStdDev) {
    return sketch.getUpperBound(numStdDev);
  }

  /** Whether no key has been added. */
  public boolean isEmpty() {
    return sketch.isEmpty();
  }

  /**
   * Serialises the sketch: 8-byte header (family {@link SketchFamily#DISTINCT_COUNT}, version
   * {@value #FORMAT_VERSION}), {@code int length}, then the DataSketches HLL compact serial form
   * (datasketches-java 6.x).
   */
  public byte[] toByteArray() {
    byte[] payload = sketch.toCompactByteArray();
    ByteBuffer buffer = SketchHeader.allocate(SketchFamily.DISTINCT_COUNT, FORMAT_VERSION, 4 + payload.length);
    buffer.putInt(payload.length).put(payload);
    return buffer.array();
  }

  /**
   * Restores a sketch written by {@link #toByteArray()}.
   *
   * @throws SketchFormatException if the bytes are not a valid sketch
   */
  public static DistinctCountSketch fromByteArray(byte[] bytes) {
    SketchHeader.Reader in = SketchHeader.read(bytes, SketchFamily.DISTINCT_COUNT, FORMAT_VERSION);
    int length = in.getInt("payloadLength");
    byte[] payload = in.getBytes("HLL payload", length);
    in.expectEnd();
    try {
      return new DistinctCountSketch(HllSketch.heapify(payload));
    } catch (RuntimeException e) {
      throw new SketchFormatException("DISTINCT_COUNT: corrupt HLL payload: " + e.getMessage(), e);
    }
  }
}
