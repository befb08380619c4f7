package dev.distillwatch.detectors.recipe;

import static dev.distillwatch.detectors.ConfigChecks.require;

import dev.distillwatch.detectors.text.PhraseCatalog;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** Immutable settings of the {@link RecipeDetector}. */
public final class RecipeConfig {
  private static final RecipeConfig DEFAULTS = builder().build();

  private final long timeConstantMillis;
  private final int minimumRequests;
  private final double priorRequests;
  private final double floor;
  private final double saturation;
  private final double[] maximumScore;

  private final PhraseCatalog phrases;

  private RecipeConfig(Builder b) {
    this.phrases = b.phrases;
    this.timeConstantMillis = b.timeConstantMillis;
    this.minimumRequests = b.minimumRequests;
    this.priorRequests = b.priorRequests;
    this.floor = b.floor;
    this.saturation = b.saturation;
    this.maximumScore = b.maximumScore.clone();
  }

  /** The recommended settings. */
  public static RecipeConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Time constant of the decayed request counts (default one day). */
  public long timeConstantMillis() {
    return timeConstantMillis;
  }

  /** Requests an account must have sent before it is scored (default 3). */
  public int minimumRequests() {
    return minimumRequests;
  }

  /** Pseudo-requests without a recipe added to every share's denominator (default 2). */
  public double priorRequests() {
    return priorRequests;
  }

  /** The recipe share below which a recipe scores nothing (default 0.02). */
  public double floor() {
    return floor;
  }

  /**
   * The recipe share at which the score saturates (default 0.3): a generator interleaves its
   * meta-prompts with the tasks they produced, so a third of the traffic is already a lot.
   */
  public double saturation() {
    return saturation;
  }

  /** The highest score the recipe alone gives (defaults: {@link Recipe#defaultMaximumScore()}). */
  public double maximumScore(Recipe recipe) {
    return maximumScore[recipe.ordinal()];
  }

  /**
   * The phrase catalogue (default {@link PhraseCatalog#defaults()}); give every phrase detector
   * the same instance so that they share one pass per exchange.
   */
  public PhraseCatalog phrases() {
    return phrases;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "RecipeConfig{timeConstantMillis=%d, minimumRequests=%d, priorRequests=%s, floor=%s, saturation=%s, maximumScore=%s}",
        timeConstantMillis, minimumRequests, priorRequests, floor, saturation, Arrays.toString(maximumScore));
  }

  /** Builds a {@link RecipeConfig}; unset values keep their defaults. */
  public static final class Builder {
    private long timeConstantMillis = 86_400_000L;
    private int minimumRequests = 3;
    private double priorRequests = 2;
    private double floor = 0.02;
    private double saturation = 0.3;
    private final double[] maximumScore = new double[Recipe.values().length];

    private PhraseCatalog phrases = PhraseCatalog.defaults();

    private Builder() {
      for (Recipe r : Recipe.values()) {
        maximumScore[r.ordinal()] = r.defaultMaximumScore();
      }
    }

    public Builder timeConstantMillis(long millis) {
      require(millis > 0, "timeConstantMillis must be positive", millis);
      this.timeConstantMillis = millis;
      return this;
    }

    public Builder minimumRequests(int n) {
      require(n >= 1, "minimumRequests must be at least 1", n);
      this.minimumRequests = n;
      return this;
    }

    public Builder priorRequests(double n) {
      require(n >= 0, "priorRequests must not be negative", n);
      this.priorRequests = n;
      return this;
    }

    public Builder shares(double floor, double saturation) {
      require(floor >= 0 && floor < 1, "floor must be in [0, 1)", floor);
      require(saturation > floor && saturation <= 1, "saturation must be in (floor, 1]", saturation);
      this.floor = floor;
      this.saturation = saturation;
      return this;
    }

    /** The highest score one recipe alone gives; 0 turns the recipe off. */
    public Builder maximumScore(Recipe recipe, double score) {
      require(score >= 0 && score <= 1, "maximumScore must be in [0, 1]", score);
      this.maximumScore[recipe.ordinal()] = score;
      return this;
    }

    public Builder phrases(PhraseCatalog catalog) {
      this.phrases = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    public RecipeConfig build() {
      return new RecipeConfig(this);
    }
  }
}
