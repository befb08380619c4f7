package dev.distillwatch.sketches.datasketches;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/** Reads a KLL sketch from bytes: DataSketches 6.x, through datasketches-memory (Java 17 and 21). */
final class KllBytes {
  private KllBytes() {}

  static KllDoublesSketch heapify(byte[] bytes) {
    return KllDoublesSketch.heapify(Memory.wrap(bytes));
  }
}
