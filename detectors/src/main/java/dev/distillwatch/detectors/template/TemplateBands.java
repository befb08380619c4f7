package dev.distillwatch.detectors.template;

/**
 * LSH band keys of a request's template skeleton, for detectors that link accounts by the
 * templates they share without an index of their own: band {@code b} hashes the signature's
 * components {@code [b·rows, (b+1)·rows)}, so two skeletons with Jaccard similarity J share a
 * given band with probability J<sup>rows</sup> and identical skeletons share every band.
 */
public final class TemplateBands {
  private TemplateBands() {}

  /**
   * The key of band {@code band} of {@code rows} rows of the features' skeleton signature, or 0
   * when the features are empty or the band does not fit in the signature.
   */
  public static long key(TemplateFeatures features, int band, int rows) {
    if (features == null || features.isEmpty() || band < 0 || rows <= 0
        || (band + 1) * rows > TemplateFeatures.COMPONENTS) {
      return 0L;
    }
    long[] signature = features.signature();
    long h = 0x5851_F42D_4C95_7F2DL + band;
    for (int i = band * rows; i < (band + 1) * rows; i++) {
      h = TemplateFeatures.mix(h ^ signature[i]) + 0x9E37_79B9_7F4A_7C15L;
    }
    long k = TemplateFeatures.mix(h);
    return k == 0 ? 1 : k;
  }
}
