package dev.distillwatch.sketches.datasketches;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.hll.TgtHllType;

/** The union of two HLL sketches, as an HLL_8 sketch: DataSketches 6.x (Java 17 and 21). */
final class HllMerge {
  private HllMerge() {}

  static HllSketch union(HllSketch a, HllSketch b) {
    Union union = new Union(Math.max(a.getLgConfigK(), b.getLgConfigK()));
    union.update(a);
    union.update(b);
    return union.getResult(TgtHllType.HLL_8);
  }
}
