package dev.distillwatch.detectors.domain;

import java.util.Locale;

/**
 * The domain of one request: the most probable learned domain (or {@link Domain#OTHER} when none
 * is probable enough), its probability, and the probabilities of every learned domain.
 */
public final class DomainClassification {
  private final Domain domain;
  private final double confidence;
  private final double[] probabilities;

  DomainClassification(Domain domain, double confidence, double[] probabilities) {
    this.domain = domain;
    this.confidence = confidence;
    this.probabilities = probabilities;
  }

  /** The domain; {@link Domain#OTHER} when the top probability is below the threshold. */
  public Domain domain() {
    return domain;
  }

  /** The top learned domain's probability (also when the answer is {@link Domain#OTHER}). */
  public double confidence() {
    return confidence;
  }

  /** The model's probability of a learned domain; 0 for {@link Domain#OTHER}. */
  public double probability(Domain d) {
    return d == Domain.OTHER ? 0.0 : probabilities[d.ordinal()];
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%.2f)", domain.label(), confidence);
  }
}
