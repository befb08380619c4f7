package dev.distillwatch.sketches.datasketches;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.HllUnion;
import org.apache.datasketches.hll.TgtHllType;

/** The union of two HLL sketches, as an HLL_8 sketch: DataSketches 9.x (Java 25). */
final class HllMerge {
  private HllMerge() {}

  static HllSketch union(HllSketch a, HllSketch b) {
    HllUnion union = new HllUnion(Math.max(a.getLgConfigK(), b.getLgConfigK()));
    union.update(a);
    union.update(b);
    return union.getResult(TgtHllType.HLL_8);
  }
}
