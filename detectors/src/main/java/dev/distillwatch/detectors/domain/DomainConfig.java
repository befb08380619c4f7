package dev.distillwatch.detectors.domain;

import static dev.distillwatch.detectors.ConfigChecks.require;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Immutable settings of the {@link DomainDetector}. */
public final class DomainConfig {
  private static final DomainConfig DEFAULTS = builder().build();

  private final Set<Domain> targetDomains;
  private final Duration halfLife;
  private final int minimumRequests;
  private final double minimumConcentration;
  private final double divergenceSaturation;
  private final double maximumScore;
  private final double populationShareCap;
  private final DomainClassifier classifier;

  private DomainConfig(Builder b) {
    this.targetDomains = Collections.unmodifiableSet(EnumSet.copyOf(b.targetDomains));
    this.halfLife = b.halfLife;
    this.minimumRequests = b.minimumRequests;
    this.minimumConcentration = b.minimumConcentration;
    this.divergenceSaturation = b.divergenceSaturation;
    this.maximumScore = b.maximumScore;
    this.populationShareCap = b.populationShareCap;
    this.classifier = b.classifier;
  }

  /** The recommended settings. */
  public static DomainConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The domains extraction campaigns target (default coding, math, reasoning, agentic). */
  public Set<Domain> targetDomains() {
    return targetDomains;
  }

  /** The half-life of the per-account and population domain counts (default 1 day). */
  public Duration halfLife() {
    return halfLife;
  }

  /** The fewest requests an account must have sent before it is scored (default 20). */
  public int minimumRequests() {
    return minimumRequests;
  }

  /** The least share of target-domain requests that scores at all (default 0.8). */
  public double minimumConcentration() {
    return minimumConcentration;
  }

  /** The Jensen-Shannon divergence (bits) from the population at which the score saturates (default 0.5). */
  public double divergenceSaturation() {
    return divergenceSaturation;
  }

  /**
   * The highest score domain focus alone can give (default 0.4: below WATCH on its own). A
   * developer who asks only coding questions is not a campaign; focus is context that raises
   * the other signals in the fused score.
   */
  public double maximumScore() {
    return maximumScore;
  }

  /**
   * How many (decayed) requests of one account count in the population mix at most (default
   * 50), so that a heavy account — a campaign above all — cannot drag the population towards
   * its own mix and hide in it.
   */
  public double populationShareCap() {
    return populationShareCap;
  }

  /** The classifier (default {@link DomainClassifier#ofDefaults()}). */
  public DomainClassifier classifier() {
    return classifier;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "DomainConfig{targetDomains=%s, halfLife=%s, minimumRequests=%d, minimumConcentration=%s,"
            + " divergenceSaturation=%s, maximumScore=%s, populationShareCap=%s, %s}",
        targetDomains, halfLife, minimumRequests, minimumConcentration, divergenceSaturation,
        maximumScore, populationShareCap, classifier);
  }

  /** Builds a {@link DomainConfig}; unset values keep their defaults. */
  public static final class Builder {
    private Set<Domain> targetDomains =
        EnumSet.of(Domain.CODING, Domain.MATH, Domain.REASONING, Domain.AGENTIC);
    private Duration halfLife = Duration.ofDays(1);
    private int minimumRequests = 20;
    private double minimumConcentration = 0.8;
    private double divergenceSaturation = 0.5;
    private double maximumScore = 0.4;
    private double populationShareCap = 50;
    private DomainClassifier classifier;

    private Builder() {}

    public Builder targetDomains(Set<Domain> domains) {
      if (domains.isEmpty() || domains.contains(Domain.OTHER)) {
        throw new IllegalArgumentException("targetDomains must be non-empty learned domains, was " + domains);
      }
      this.targetDomains = EnumSet.copyOf(domains);
      return this;
    }

    public Builder halfLife(Duration halfLife) {
      if (halfLife.isNegative() || halfLife.isZero()) {
        throw new IllegalArgumentException("halfLife must be positive, was " + halfLife);
      }
      this.halfLife = halfLife;
      return this;
    }

    public Builder minimumRequests(int requests) {
      require(requests >= 1, "minimumRequests must be at least 1", requests);
      this.minimumRequests = requests;
      return this;
    }

    public Builder minimumConcentration(double share) {
      require(share > 0 && share <= 1, "minimumConcentration must be in (0, 1]", share);
      this.minimumConcentration = share;
      return this;
    }

    public Builder divergenceSaturation(double bits) {
      require(bits > 0 && bits <= 1, "divergenceSaturation must be in (0, 1]", bits);
      this.divergenceSaturation = bits;
      return this;
    }

    public Builder maximumScore(double score) {
      require(score > 0 && score <= 1, "maximumScore must be in (0, 1]", score);
      this.maximumScore = score;
      return this;
    }

    public Builder populationShareCap(double requests) {
      require(requests >= 1, "populationShareCap must be at least 1", requests);
      this.populationShareCap = requests;
      return this;
    }

    public Builder classifier(DomainClassifier classifier) {
      this.classifier = java.util.Objects.requireNonNull(classifier, "classifier");
      return this;
    }

    public DomainConfig build() {
      if (classifier == null) {
        classifier = DomainClassifier.ofDefaults();
      }
      return new DomainConfig(this);
    }
  }
}
