package dev.distillwatch.sketches.datasketches;

import dev.distillwatch.sketches.SketchFamily;
import dev.distillwatch.sketches.SketchFormatException;
import dev.distillwatch.sketches.SketchHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.LongsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Heavy hitters over long keys (e.g. template cluster ids, account hashes): a thin adapter over
 * Apache DataSketches' frequent-items sketch (Misra–Gries with the improvements of Anderson et al.,
 * "A High-Performance Algorithm for Identifying Frequent Items in Data Streams", IMC 2017).
 *
 * <p><b>Error bound</b> (deterministic): for every item, {@link #lowerBound} ≤ true count ≤
 * {@link #upperBound}, and the bounds are at most {@link #maximumError()} ≤ {@code 3.5·N/M}
 * apart (M = maxMapSize, N = total weight). Memory: about {@code 18·M} bytes. Mergeable. Not
 * thread-safe.
 */
public final class FrequentItemsSketch {
  /** Persisted format version (our header + the DataSketches bytes). */
  public static final int FORMAT_VERSION = 1;

  /** Which side errs when listing frequent items. */
  public enum ErrorMode {
    /** Lists every item whose upper bound exceeds the threshold (may list some that do not). */
    NO_FALSE_NEGATIVES,
    /** Lists only items whose lower bound exceeds the threshold (may miss some). */
    NO_FALSE_POSITIVES
  }

  /** One frequent item with its estimate and deterministic bounds. */
  public record Item(long item, long estimate, long lowerBound, long upperBound) {}

  private final LongsSketch sketch;

  private FrequentItemsSketch(LongsSketch sketch) {
    this.sketch = sketch;
  }

  /** A sketch tracking at most {@code maxMapSize} (a power of two ≥ 8) items. */
  public static FrequentItemsSketch create(int maxMapSize) {
    if (maxMapSize < 8 || Integer.bitCount(maxMapSize) != 1) {
      throw new IllegalArgumentException("maxMapSize must be a power of two ≥ 8: " + maxMapSize);
    }
    return new FrequentItemsSketch(new LongsSketch(maxMapSize));
  }

  /** Counts one occurrence of {@code item}. */
  public void update(long item) {
    sketch.update(item);
  }

  /** Counts {@code count ≥ 0} occurrences of {@code item}. */
  public void update(long item, long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be ≥ 0: " + count);
    }
    sketch.update(item, count);
  }

  /** Merges {@code other} into this sketch. */
  public FrequentItemsSketch merge(FrequentItemsSketch other) {
    sketch.merge(other.sketch);
    return this;
  }

  /** Estimated count of {@code item}. */
  public long estimate(long item) {
    return sketch.getEstimate(item);
  }

  /** Guaranteed lower bound on the count of {@code item}. */
  public long lowerBound(long item) {
    return sketch.getLowerBound(item);
  }

  /** Guaranteed upper bound on the count of {@code item}. */
  public long upperBound(long item) {
    return sketch.getUpperBound(item);
  }

  /** Maximum difference between upper and lower bound of any item. */
  public long maximumError() {
    return sketch.getMaximumError();
  }

  /** Total weight N counted. */
  public long streamLength() {
    return sketch.getStreamLength();
  }

  /** Items above {@link #maximumError()}, most frequent first. */
  public List<Item> frequentItems(ErrorMode mode) {
    ErrorType type = mode == ErrorMode.NO_FALSE_NEGATIVES
        ? ErrorType.NO_FALSE_NEGATIVES : ErrorType.NO_FALSE_POSITIVES;
    List<Item> out = new ArrayList<>();
    for (LongsSketch.Row row : sketch.getFrequentItems(type)) {
      out.add(new Item(row.getItem(), row.getEstimate(), row.getLowerBound(), row.getUpperBound()));
    }
    return out;
  }

  /**
   * Serialises the sketch: 8-byte header (family {@link SketchFamily#FREQUENT_ITEMS}, version
   * {@value #FORMAT_VERSION}), {@code int length}, then the DataSketches frequent-longs serial
   * form (datasketches-java 6.x).
   */
  public byte[] toByteArray() {
    byte[] payload = sketch.toByteArray();
    ByteBuffer buffer = SketchHeader.allocate(SketchFamily.FREQUENT_ITEMS, FORMAT_VERSION, 4 + payload.length);
    buffer.putInt(payload.length).put(payload);
    return buffer.array();
  }

  /**
   * Restores a sketch written by {@link #toByteArray()}.
   *
   * @throws SketchFormatException if the bytes are not a valid sketch
   */
  public static FrequentItemsSketch fromByteArray(byte[] bytes) {
    SketchHeader.Reader in = SketchHeader.read(bytes, SketchFamily.FREQUENT_ITEMS, FORMAT_VERSION);
    int length = in.getInt("payloadLength");
    byte[] payload = in.getBytes("frequent-items payload", length);
    in.expectEnd();
    try {
      return new FrequentItemsSketch(LongsSketch.getInstance(Memory.wrap(payload)));
    } catch (RuntimeException e) {
      throw new SketchFormatException("FREQUENT_ITEMS: corrupt payload: " + e.getMessage(), e);
    }
  }
}
