package dev.distillwatch.detectors.reasoning;

import static dev.distillwatch.detectors.ConfigChecks.require;

import dev.distillwatch.detectors.text.PhraseCatalog;
import java.util.Locale;
import java.util.Objects;

/** Immutable settings of the {@link ReasoningDetector}. */
public final class ReasoningConfig {
  private static final ReasoningConfig DEFAULTS = builder().build();

  private final long timeConstantMillis;
  private final int minimumRequests;
  private final double priorRequests;
  private final double strongFloor;
  private final double strongSaturation;
  private final double strongMaximumScore;
  private final double weakSaturation;
  private final double weakMaximumScore;
  private final double elaborateWeight;
  private final double tagWeight;
  private final double systemWeight;
  private final int systemPromptsRemembered;

  private final PhraseCatalog phrases;

  private ReasoningConfig(Builder b) {
    this.phrases = b.phrases;
    this.timeConstantMillis = b.timeConstantMillis;
    this.minimumRequests = b.minimumRequests;
    this.priorRequests = b.priorRequests;
    this.strongFloor = b.strongFloor;
    this.strongSaturation = b.strongSaturation;
    this.strongMaximumScore = b.strongMaximumScore;
    this.weakSaturation = b.weakSaturation;
    this.weakMaximumScore = b.weakMaximumScore;
    this.elaborateWeight = b.elaborateWeight;
    this.tagWeight = b.tagWeight;
    this.systemWeight = b.systemWeight;
    this.systemPromptsRemembered = b.systemPromptsRemembered;
  }

  /** The recommended settings. */
  public static ReasoningConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Time constant of the exponentially decayed request counts (default three days). The shares are
   * read over about {@code rate x timeConstant} requests: at the ~27 requests a day of a campaign
   * account built to stay under per-account rate limits, one day would leave too few to tell a
   * habit from an accident.
   */
  public long timeConstantMillis() {
    return timeConstantMillis;
  }

  /** Requests an account must have sent before it is scored (default 10). */
  public int minimumRequests() {
    return minimumRequests;
  }

  /**
   * Pseudo-requests without elicitation added to the denominator of every share (default 5), so
   * that a share resting on few requests is read conservatively: 10 of 10 reads as 0.67.
   */
  public double priorRequests() {
    return priorRequests;
  }

  /** The strong-elicitation share below which it scores nothing (default 0.1). */
  public double strongFloor() {
    return strongFloor;
  }

  /** The strong-elicitation share at which its score saturates (default 0.6). */
  public double strongSaturation() {
    return strongSaturation;
  }

  /** The score of a saturated strong-elicitation share (default 0.9). */
  public double strongMaximumScore() {
    return strongMaximumScore;
  }

  /** The weak-elicitation share at which its score saturates (default 0.8). */
  public double weakSaturation() {
    return weakSaturation;
  }

  /**
   * The highest score weak elicitation alone can give (default 0.3): a student's "explain step
   * by step" is context for the other detectors, never a verdict.
   */
  public double weakMaximumScore() {
    return weakMaximumScore;
  }

  /**
   * How much a request for the reasoning written out in full ("show your complete reasoning",
   * "write out every step of your thinking") counts as strong elicitation (default 0.6).
   */
  public double elaborateWeight() {
    return elaborateWeight;
  }

  /** How much a request for reasoning in tags counts as strong elicitation (default 0.6). */
  public double tagWeight() {
    return tagWeight;
  }

  /**
   * How much strong elicitation repeated from context counts, per request (default 0.5): in a
   * system prompt already seen from the account (the first time a system prompt is seen it counts
   * fully; its weak and tag phrases count only that first time), or in earlier user turns that a
   * conversation re-sends with every request.
   */
  public double systemWeight() {
    return systemWeight;
  }

  /** How many distinct system prompts per account are remembered as seen (default 8). */
  public int systemPromptsRemembered() {
    return systemPromptsRemembered;
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
        "ReasoningConfig{timeConstantMillis=%d, minimumRequests=%d, priorRequests=%s, strong=[%s, %s]->%s,"
            + " weak=%s->%s, elaborateWeight=%s, tagWeight=%s, systemWeight=%s, systemPromptsRemembered=%d}",
        timeConstantMillis, minimumRequests, priorRequests, strongFloor, strongSaturation, strongMaximumScore,
        weakSaturation, weakMaximumScore, elaborateWeight, tagWeight, systemWeight, systemPromptsRemembered);
  }

  /** Builds a {@link ReasoningConfig}; unset values keep their defaults. */
  public static final class Builder {
    private long timeConstantMillis = 3 * 86_400_000L;
    private int minimumRequests = 10;
    private double priorRequests = 5;
    private double strongFloor = 0.1;
    private double strongSaturation = 0.6;
    private double strongMaximumScore = 0.9;
    private double weakSaturation = 0.8;
    private double weakMaximumScore = 0.3;
    private double elaborateWeight = 0.45;
    private double tagWeight = 0.6;
    private double systemWeight = 0.5;
    private int systemPromptsRemembered = 8;

    private PhraseCatalog phrases = PhraseCatalog.defaults();

    private Builder() {}

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

    public Builder strongShares(double floor, double saturation) {
      require(floor >= 0 && floor < 1, "strong floor must be in [0, 1)", floor);
      require(saturation > floor && saturation <= 1, "strong saturation must be in (floor, 1]", saturation);
      this.strongFloor = floor;
      this.strongSaturation = saturation;
      return this;
    }

    public Builder strongMaximumScore(double score) {
      require(score > 0 && score <= 1, "strongMaximumScore must be in (0, 1]", score);
      this.strongMaximumScore = score;
      return this;
    }

    public Builder weakSaturation(double share) {
      require(share > 0 && share <= 1, "weakSaturation must be in (0, 1]", share);
      this.weakSaturation = share;
      return this;
    }

    public Builder weakMaximumScore(double score) {
      require(score >= 0 && score <= 1, "weakMaximumScore must be in [0, 1]", score);
      this.weakMaximumScore = score;
      return this;
    }

    public Builder elaborateWeight(double w) {
      require(w >= 0 && w <= 1, "elaborateWeight must be in [0, 1]", w);
      this.elaborateWeight = w;
      return this;
    }

    public Builder tagWeight(double w) {
      require(w >= 0 && w <= 1, "tagWeight must be in [0, 1]", w);
      this.tagWeight = w;
      return this;
    }

    public Builder systemWeight(double w) {
      require(w >= 0 && w <= 1, "systemWeight must be in [0, 1]", w);
      this.systemWeight = w;
      return this;
    }

    public Builder systemPromptsRemembered(int n) {
      require(n >= 1 && n <= 64, "systemPromptsRemembered must be in [1, 64]", n);
      this.systemPromptsRemembered = n;
      return this;
    }

    public Builder phrases(PhraseCatalog catalog) {
      this.phrases = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    public ReasoningConfig build() {
      return new ReasoningConfig(this);
    }
  }
}
