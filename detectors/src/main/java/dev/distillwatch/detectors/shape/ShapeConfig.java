package dev.distillwatch.detectors.shape;

import static dev.distillwatch.detectors.ConfigChecks.require;

import java.util.Locale;

/** Immutable settings of the {@link ConversationShapeDetector}. */
public final class ShapeConfig {
  private static final ShapeConfig DEFAULTS = builder().build();

  private final long timeConstantMillis;
  private final int minimumRequests;
  private final double priorRequests;
  private final double oneShotFloor;
  private final double oneShotSaturation;
  private final double maximumScore;
  private final double timingWeight;
  private final double regularSpread;
  private final double irregularSpread;
  private final int minimumGaps;
  private final long gapFloorMillis;
  private final int tasksRemembered;
  private final double sustainedFloorHours;
  private final double sustainedHours;

  private ShapeConfig(Builder b) {
    this.timeConstantMillis = b.timeConstantMillis;
    this.minimumRequests = b.minimumRequests;
    this.priorRequests = b.priorRequests;
    this.oneShotFloor = b.oneShotFloor;
    this.oneShotSaturation = b.oneShotSaturation;
    this.maximumScore = b.maximumScore;
    this.timingWeight = b.timingWeight;
    this.regularSpread = b.regularSpread;
    this.irregularSpread = b.irregularSpread;
    this.minimumGaps = b.minimumGaps;
    this.gapFloorMillis = b.gapFloorMillis;
    this.tasksRemembered = b.tasksRemembered;
    this.sustainedFloorHours = b.sustainedFloorHours;
    this.sustainedHours = b.sustainedHours;
  }

  /** The recommended settings. */
  public static ShapeConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Time constant of the exponentially decayed per-account sums (default one day). */
  public long timeConstantMillis() {
    return timeConstantMillis;
  }

  /** Requests an account must have sent before it is scored (default 20). */
  public int minimumRequests() {
    return minimumRequests;
  }

  /**
   * Pseudo-requests that are not one-shot added to the denominator of the share (default 5), so
   * that a share resting on few requests reads conservatively.
   */
  public double priorRequests() {
    return priorRequests;
  }

  /** The one-shot share below which the account scores nothing (default 0.6). */
  public double oneShotFloor() {
    return oneShotFloor;
  }

  /** The one-shot share at which the score saturates (default 0.9). */
  public double oneShotSaturation() {
    return oneShotSaturation;
  }

  /**
   * The highest score this detector can give (default 0.25, below WATCH): one-shot unrelated
   * tasks are also what benchmark runs, batch pipelines, wrapper apps and many ordinary API users
   * send, so shape is context for the other detectors, never a verdict. It stays low enough that
   * an all-day batch job already at the volume (0.6) and single-account template (0.3) caps stays
   * below FLAG with it: 1 - 0.4 × 0.7 × 0.75 = 0.79.
   */
  public double maximumScore() {
    return maximumScore;
  }

  /**
   * How much of the score depends on machine-regular timing (default 0.3): irregular timing
   * scales the score by {@code 1 - timingWeight}. Modest, since batch jobs and benchmark runs are
   * machine-regular too.
   */
  public double timingWeight() {
    return timingWeight;
  }

  /**
   * Spread (standard deviation of the natural log of the gaps between requests) at or below
   * which timing counts as fully regular (default 0.25; a rate-limited loop).
   */
  public double regularSpread() {
    return regularSpread;
  }

  /**
   * Spread at or above which timing counts as irregular (default 0.75; people and Poisson
   * arrivals spread about 1 and more).
   */
  public double irregularSpread() {
    return irregularSpread;
  }

  /** Gaps between requests needed before timing is read at all (default 16). */
  public int minimumGaps() {
    return minimumGaps;
  }

  /**
   * Gaps shorter than this count as this long (default 100 ms): concurrent requests have no
   * meaningful spacing.
   */
  public long gapFloorMillis() {
    return gapFloorMillis;
  }

  /**
   * How many recent tasks per account are remembered (default 16, as sampled 64-bit keys) to
   * recognise follow-ups, agent steps and repeats.
   */
  public int tasksRemembered() {
    return tasksRemembered;
  }

  /**
   * Active hours (distinct clock hours with requests, decayed with the time constant) at or
   * below which the account scores nothing (default 6): an evaluation run or a batch job sends
   * its tasks in a burst and stops, a harvesting loop spreads them over the day to stay under
   * rate limits.
   */
  public double sustainedFloorHours() {
    return sustainedFloorHours;
  }

  /** Active hours at which the activity counts as fully sustained (default 12). */
  public double sustainedHours() {
    return sustainedHours;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "ShapeConfig{timeConstantMillis=%d, minimumRequests=%d, priorRequests=%s, oneShot=[%s, %s]->%s,"
            + " timingWeight=%s, spread=[%s, %s], minimumGaps=%d, gapFloorMillis=%d, tasksRemembered=%d,"
            + " sustainedHours=[%s, %s]}",
        timeConstantMillis, minimumRequests, priorRequests, oneShotFloor, oneShotSaturation, maximumScore,
        timingWeight, regularSpread, irregularSpread, minimumGaps, gapFloorMillis, tasksRemembered,
        sustainedFloorHours, sustainedHours);
  }

  /** Builds a {@link ShapeConfig}; unset values keep their defaults. */
  public static final class Builder {
    private long timeConstantMillis = 86_400_000L;
    private int minimumRequests = 20;
    private double priorRequests = 5;
    private double oneShotFloor = 0.6;
    private double oneShotSaturation = 0.9;
    private double maximumScore = 0.25;
    private double timingWeight = 0.3;
    private double regularSpread = 0.25;
    private double irregularSpread = 0.75;
    private int minimumGaps = 16;
    private long gapFloorMillis = 100;
    private int tasksRemembered = 16;
    private double sustainedFloorHours = 6;
    private double sustainedHours = 12;

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

    public Builder oneShotShares(double floor, double saturation) {
      require(floor >= 0 && floor < 1, "one-shot floor must be in [0, 1)", floor);
      require(saturation > floor && saturation <= 1, "one-shot saturation must be in (floor, 1]", saturation);
      this.oneShotFloor = floor;
      this.oneShotSaturation = saturation;
      return this;
    }

    public Builder maximumScore(double score) {
      require(score > 0 && score <= 1, "maximumScore must be in (0, 1]", score);
      this.maximumScore = score;
      return this;
    }

    public Builder timingWeight(double w) {
      require(w >= 0 && w <= 1, "timingWeight must be in [0, 1]", w);
      this.timingWeight = w;
      return this;
    }

    public Builder spreads(double regular, double irregular) {
      require(regular >= 0, "regular spread must not be negative", regular);
      require(irregular > regular, "irregular spread must be above the regular one", irregular);
      this.regularSpread = regular;
      this.irregularSpread = irregular;
      return this;
    }

    public Builder minimumGaps(int n) {
      require(n >= 2, "minimumGaps must be at least 2", n);
      this.minimumGaps = n;
      return this;
    }

    public Builder gapFloorMillis(long millis) {
      require(millis >= 1, "gapFloorMillis must be at least 1", millis);
      this.gapFloorMillis = millis;
      return this;
    }

    public Builder tasksRemembered(int n) {
      require(n >= 2 && n <= 64, "tasksRemembered must be in [2, 64]", n);
      this.tasksRemembered = n;
      return this;
    }

    public Builder sustainedHours(double floor, double full) {
      require(floor >= 0, "sustained floor must not be negative", floor);
      require(full > floor, "sustained hours must be above the floor", full);
      this.sustainedFloorHours = floor;
      this.sustainedHours = full;
      return this;
    }

    public ShapeConfig build() {
      return new ShapeConfig(this);
    }
  }
}
