package dev.distillwatch.sketches.datasketches;

import java.lang.foreign.MemorySegment;
import org.apache.datasketches.kll.KllDoublesSketch;

/** Reads a KLL sketch from bytes: DataSketches 9.x, through the FFM API (Java 25). */
final class KllBytes {
  private KllBytes() {}

  static KllDoublesSketch heapify(byte[] bytes) {
    return KllDoublesSketch.heapify(MemorySegment.ofArray(bytes));
  }
}
