package dev.distillwatch.sketches.datasketches;

import dev.distillwatch.sketches.SketchFamily;
import dev.distillwatch.sketches.SketchFormatException;
import dev.distillwatch.sketches.SketchHeader;
import java.nio.ByteBuffer;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Streaming quantiles of doubles: a thin adapter over Apache DataSketches' KLL sketch (Karnin,
 * Lang, Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016), so that detectors
 * depend on this type and not on DataSketches 6.x.
 *
 * <p><b>Error bound</b>: {@link #rank} and the rank of {@link #quantile} are within {@link
 * #normalizedRankError()} (≈ 1.65% at k = 200) of the true normalised rank with 99% confidence,
 * independent of the stream length. Memory grows as O(k·log(n/k)) doubles (a few KB). Mergeable
 * (the error bound holds for the union). Not thread-safe.
 */
public final class QuantileSketch {
  /** Persisted format version (our header + the DataSketches KLL bytes). */
  public static final int FORMAT_VERSION = 1;

  private final KllDoublesSketch sketch;

  private QuantileSketch(KllDoublesSketch sketch) {
    this.sketch = sketch;
  }

  /** A sketch with accuracy parameter {@code k} in [8, 65535] (DataSketches default 200). */
  public static QuantileSketch create(int k) {
    if (k < 8 || k > 65535) {
      throw new IllegalArgumentException("k must be in [8, 65535]: " + k);
    }
    return new QuantileSketch(KllDoublesSketch.newHeapInstance(k));
  }

  /** Adds a value; NaN is ignored. */
  public void update(double value) {
    sketch.update(value);
  }

  /** Merges {@code other} into this sketch. */
  public QuantileSketch merge(QuantileSketch other) {
    sketch.merge(other.sketch);
    return this;
  }

  /** The value at normalised rank {@code rank} in [0, 1] (inclusive search). */
  public double quantile(double rank) {
    if (sketch.isEmpty()) {
      return Double.NaN;
    }
    return sketch.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
  }

  /** Normalised rank of {@code value}: estimated fraction of values ≤ value. */
  public double rank(double value) {
    if (sketch.isEmpty()) {
      return Double.NaN;
    }
    return sketch.getRank(value, QuantileSearchCriteria.INCLUSIVE);
  }

  /** Number of values seen. */
  public long count() {
    return sketch.getN();
  }

  /** Whether no value has been seen. */
  public boolean isEmpty() {
    return sketch.isEmpty();
  }

  /** The rank error ε (99% confidence) for single-rank queries. */
  public double normalizedRankError() {
    return sketch.getNormalizedRankError(false);
  }

  /**
   * Serialises the sketch: 8-byte header (family {@link SketchFamily#QUANTILES}, version {@value
   * #FORMAT_VERSION}), {@code int length}, then that many bytes of DataSketches KLL doubles
   * serial form (datasketches-java 6.x).
   */
  public byte[] toByteArray() {
    byte[] payload = sketch.toByteArray();
    ByteBuffer buffer = SketchHeader.allocate(SketchFamily.QUANTILES, FORMAT_VERSION, 4 + payload.length);
    buffer.putInt(payload.length).put(payload);
    return buffer.array();
  }

  /**
   * Restores a sketch written by {@link #toByteArray()}.
   *
   * @throws SketchFormatException if the bytes are not a valid sketch
   */
  public static QuantileSketch fromByteArray(byte[] bytes) {
    SketchHeader.Reader in = SketchHeader.read(bytes, SketchFamily.QUANTILES, FORMAT_VERSION);
    int length = in.getInt("payloadLength");
    byte[] payload = in.getBytes("KLL payload", length);
    in.expectEnd();
    try {
      return new QuantileSketch(KllBytes.heapify(payload));
    } catch (RuntimeException e) {
      throw new SketchFormatException("QUANTILES: corrupt KLL payload: " + e.getMessage(), e);
    }
  }
}
