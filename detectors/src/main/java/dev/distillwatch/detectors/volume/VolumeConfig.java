package dev.distillwatch.detectors.volume;

import static dev.distillwatch.detectors.ConfigChecks.require;

import java.util.Locale;

/** Immutable settings of the {@link VolumeDetector}. */
public final class VolumeConfig {
  private static final VolumeConfig DEFAULTS = builder().build();

  private final double referenceQuantile;
  private final double minimumPerDay;
  private final double minimumPerHour;
  private final double saturationRatio;
  private final double maximumScore;

  private VolumeConfig(Builder b) {
    this.referenceQuantile = b.referenceQuantile;
    this.minimumPerDay = b.minimumPerDay;
    this.minimumPerHour = b.minimumPerHour;
    this.saturationRatio = b.saturationRatio;
    this.maximumScore = b.maximumScore;
  }

  /** The recommended settings. */
  public static VolumeConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The population quantile an account is compared with (default 0.999). */
  public double referenceQuantile() {
    return referenceQuantile;
  }

  /** The least requests per day that can count as high, whatever the population (default 100). */
  public double minimumPerDay() {
    return minimumPerDay;
  }

  /** The least requests per hour that can count as high (default 30). */
  public double minimumPerHour() {
    return minimumPerHour;
  }

  /** The ratio to the reference at which the score saturates (default 16). */
  public double saturationRatio() {
    return saturationRatio;
  }

  /** The highest score volume alone can give (default 0.6: WATCH, never FLAG, on its own). */
  public double maximumScore() {
    return maximumScore;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "VolumeConfig{referenceQuantile=%s, minimumPerDay=%s, minimumPerHour=%s, saturationRatio=%s, maximumScore=%s}",
        referenceQuantile, minimumPerDay, minimumPerHour, saturationRatio, maximumScore);
  }

  /** Builds a {@link VolumeConfig}; unset values keep their defaults. */
  public static final class Builder {
    private double referenceQuantile = 0.999;
    private double minimumPerDay = 100;
    private double minimumPerHour = 30;
    private double saturationRatio = 16;
    private double maximumScore = 0.6;

    private Builder() {}

    public Builder referenceQuantile(double q) {
      require(q > 0.5 && q < 1, "referenceQuantile must be in (0.5, 1)", q);
      this.referenceQuantile = q;
      return this;
    }

    public Builder minimumPerDay(double perDay) {
      require(perDay > 0, "minimumPerDay must be positive", perDay);
      this.minimumPerDay = perDay;
      return this;
    }

    public Builder minimumPerHour(double perHour) {
      require(perHour > 0, "minimumPerHour must be positive", perHour);
      this.minimumPerHour = perHour;
      return this;
    }

    public Builder saturationRatio(double ratio) {
      require(ratio > 1, "saturationRatio must be above 1", ratio);
      this.saturationRatio = ratio;
      return this;
    }

    public Builder maximumScore(double score) {
      require(score > 0 && score <= 1, "maximumScore must be in (0, 1]", score);
      this.maximumScore = score;
      return this;
    }

    public VolumeConfig build() {
      return new VolumeConfig(this);
    }
  }
}
