package dev.distillwatch.sketches;

/**
 * The one-byte family id at offset 4 of every serialised DistillWatch sketch. Ids are part of the
 * persisted format: never renumber, only append.
 */
public enum SketchFamily {
  /** {@link dev.distillwatch.sketches.counter.CountMinSketch}. */
  COUNT_MIN(1),
  /** {@link dev.distillwatch.sketches.counter.DecayedCounter}. */
  DECAYED_COUNTER(2),
  /** {@link dev.distillwatch.sketches.index.TemplateIndex}. */
  TEMPLATE_INDEX(3),
  /** {@link dev.distillwatch.sketches.datasketches.QuantileSketch}. */
  QUANTILES(4),
  /** {@link dev.distillwatch.sketches.datasketches.FrequentItemsSketch}. */
  FREQUENT_ITEMS(5),
  /** {@link dev.distillwatch.sketches.datasketches.DistinctCountSketch}. */
  DISTINCT_COUNT(6);

  private final int id;

  SketchFamily(int id) {
    this.id = id;
  }

  /** The persisted id of this family. */
  public int id() {
    return id;
  }
}
