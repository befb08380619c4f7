package dev.distillwatch.detectors.parameters;

import static dev.distillwatch.detectors.ConfigChecks.require;

import java.util.Arrays;
import java.util.Locale;

/** Immutable settings of the {@link ParameterProbingDetector}. */
public final class ParameterConfig {
  private static final ParameterConfig DEFAULTS = builder().build();

  private final int logprobsMaxTokens;
  private final int wideLogitBiasEntries;
  private final double extremeBias;
  private final int extremeBiasEntries;
  private final int topLogprobsMax;
  private final double samplingTemperature;
  private final double[] weights;
  private final long timeConstantMillis;
  private final int minimumRequests;
  private final double priorRequests;
  private final double floor;
  private final double saturation;
  private final double maximumScore;
  private final int maximumFingerprints;
  private final int accountsPerFingerprint;
  private final int sharedAccounts;
  private final double rareShare;
  private final long minimumPopulation;
  private final double sharedFingerprintScore;

  private ParameterConfig(Builder b) {
    this.logprobsMaxTokens = b.logprobsMaxTokens;
    this.wideLogitBiasEntries = b.wideLogitBiasEntries;
    this.extremeBias = b.extremeBias;
    this.extremeBiasEntries = b.extremeBiasEntries;
    this.topLogprobsMax = b.topLogprobsMax;
    this.samplingTemperature = b.samplingTemperature;
    this.weights = b.weights.clone();
    this.timeConstantMillis = b.timeConstantMillis;
    this.minimumRequests = b.minimumRequests;
    this.priorRequests = b.priorRequests;
    this.floor = b.floor;
    this.saturation = b.saturation;
    this.maximumScore = b.maximumScore;
    this.maximumFingerprints = b.maximumFingerprints;
    this.accountsPerFingerprint = b.accountsPerFingerprint;
    this.sharedAccounts = b.sharedAccounts;
    this.rareShare = b.rareShare;
    this.minimumPopulation = b.minimumPopulation;
    this.sharedFingerprintScore = b.sharedFingerprintScore;
  }

  /** The recommended settings. */
  public static ParameterConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@link ProbeFlag#LOGPROBS_SHORT}: the largest {@code max_tokens} that counts (default 2). */
  public int logprobsMaxTokens() {
    return logprobsMaxTokens;
  }

  /** {@link ProbeFlag#WIDE_LOGIT_BIAS}: this many biased tokens or more (default 50). */
  public int wideLogitBiasEntries() {
    return wideLogitBiasEntries;
  }

  /** {@link ProbeFlag#WIDE_LOGIT_BIAS}: the magnitude of an extreme bias (default 100). */
  public double extremeBias() {
    return extremeBias;
  }

  /** {@link ProbeFlag#WIDE_LOGIT_BIAS}: or this many extreme biases or more (default 10). */
  public int extremeBiasEntries() {
    return extremeBiasEntries;
  }

  /** {@link ProbeFlag#TOP_LOGPROBS_MAX}: the API's maximum {@code top_logprobs} (default 20). */
  public int topLogprobsMax() {
    return topLogprobsMax;
  }

  /**
   * {@link ProbeFlag#N_SAMPLES}: the least temperature at which {@code n > 1} counts (default
   * 0.9; an absent temperature is the APIs' default, 1).
   */
  public double samplingTemperature() {
    return samplingTemperature;
  }

  /** How much a request with {@code flag} counts towards the probing share. */
  public double weight(ProbeFlag flag) {
    return weights[flag.ordinal()];
  }

  /** Time constant of the decayed counts (default one day). */
  public long timeConstantMillis() {
    return timeConstantMillis;
  }

  /** Requests an account must have sent before it is scored (default 5). */
  public int minimumRequests() {
    return minimumRequests;
  }

  /** Pseudo-requests without probing added to the share's denominator (default 3). */
  public double priorRequests() {
    return priorRequests;
  }

  /** The probing share below which it scores nothing (default 0.05). */
  public double floor() {
    return floor;
  }

  /** The probing share at which the score saturates (default 0.5). */
  public double saturation() {
    return saturation;
  }

  /** The score of a saturated probing share (default 0.9). */
  public double maximumScore() {
    return maximumScore;
  }

  /** How many parameter fingerprints the population table holds (default 10,000). */
  public int maximumFingerprints() {
    return maximumFingerprints;
  }

  /** How many distinct accounts are remembered per fingerprint (default 32). */
  public int accountsPerFingerprint() {
    return accountsPerFingerprint;
  }

  /** A fingerprint is shared when at least this many accounts sent it (default 16). */
  public int sharedAccounts() {
    return sharedAccounts;
  }

  /** ... and rare when at most this share of the population's requests carry it (default 0.01). */
  public double rareShare() {
    return rareShare;
  }

  /** Population requests before fingerprints are judged (default 10,000). */
  public long minimumPopulation() {
    return minimumPopulation;
  }

  /**
   * The score of an account whose parameters have a rare fingerprint that many accounts share
   * (default 0.3: popular third-party tools do this too; context for other detectors).
   */
  public double sharedFingerprintScore() {
    return sharedFingerprintScore;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "ParameterConfig{logprobsMaxTokens=%d, wideLogitBias=%d|%dx%s, topLogprobsMax=%d, samplingTemperature=%s,"
            + " weights=%s, timeConstantMillis=%d, minimumRequests=%d, priorRequests=%s, shares=[%s, %s]->%s,"
            + " fingerprints=%d x %d, shared=%d accounts at <=%s of >=%d, sharedScore=%s}",
        logprobsMaxTokens, wideLogitBiasEntries, extremeBiasEntries, extremeBias, topLogprobsMax, samplingTemperature,
        Arrays.toString(weights), timeConstantMillis, minimumRequests, priorRequests, floor, saturation, maximumScore,
        maximumFingerprints, accountsPerFingerprint, sharedAccounts, rareShare, minimumPopulation,
        sharedFingerprintScore);
  }

  /** Builds a {@link ParameterConfig}; unset values keep their defaults. */
  public static final class Builder {
    private int logprobsMaxTokens = 2;
    private int wideLogitBiasEntries = 50;
    private double extremeBias = 100;
    private int extremeBiasEntries = 10;
    private int topLogprobsMax = 20;
    private double samplingTemperature = 0.9;
    private final double[] weights = new double[ProbeFlag.values().length];
    private long timeConstantMillis = 86_400_000L;
    private int minimumRequests = 5;
    private double priorRequests = 3;
    private double floor = 0.05;
    private double saturation = 0.5;
    private double maximumScore = 0.9;
    private int maximumFingerprints = 10_000;
    private int accountsPerFingerprint = 32;
    private int sharedAccounts = 16;
    private double rareShare = 0.01;
    private long minimumPopulation = 10_000;
    private double sharedFingerprintScore = 0.3;

    private Builder() {
      for (ProbeFlag f : ProbeFlag.values()) {
        weights[f.ordinal()] = f.defaultWeight();
      }
    }

    public Builder logprobsMaxTokens(int n) {
      require(n >= 1, "logprobsMaxTokens must be at least 1", n);
      this.logprobsMaxTokens = n;
      return this;
    }

    public Builder wideLogitBias(int entries, double extremeBias, int extremeEntries) {
      require(entries >= 1, "wide logit_bias entries must be at least 1", entries);
      require(extremeBias > 0, "extreme bias must be positive", extremeBias);
      require(extremeEntries >= 1, "extreme bias entries must be at least 1", extremeEntries);
      this.wideLogitBiasEntries = entries;
      this.extremeBias = extremeBias;
      this.extremeBiasEntries = extremeEntries;
      return this;
    }

    public Builder topLogprobsMax(int n) {
      require(n >= 1, "topLogprobsMax must be at least 1", n);
      this.topLogprobsMax = n;
      return this;
    }

    public Builder samplingTemperature(double t) {
      require(t >= 0, "samplingTemperature must not be negative", t);
      this.samplingTemperature = t;
      return this;
    }

    /** How much a request with {@code flag} counts; 0 turns the flag off. */
    public Builder weight(ProbeFlag flag, double w) {
      require(w >= 0 && w <= 1, "weight must be in [0, 1]", w);
      this.weights[flag.ordinal()] = w;
      return this;
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

    public Builder maximumScore(double score) {
      require(score > 0 && score <= 1, "maximumScore must be in (0, 1]", score);
      this.maximumScore = score;
      return this;
    }

    public Builder fingerprints(int maximumFingerprints, int accountsPerFingerprint) {
      require(maximumFingerprints >= 1, "maximumFingerprints must be at least 1", maximumFingerprints);
      require(accountsPerFingerprint >= 1 && accountsPerFingerprint <= 1024,
          "accountsPerFingerprint must be in [1, 1024]", accountsPerFingerprint);
      this.maximumFingerprints = maximumFingerprints;
      this.accountsPerFingerprint = accountsPerFingerprint;
      return this;
    }

    public Builder sharedFingerprint(int accounts, double rareShare, long minimumPopulation, double score) {
      require(accounts >= 2, "shared accounts must be at least 2", accounts);
      require(rareShare > 0 && rareShare <= 1, "rareShare must be in (0, 1]", rareShare);
      require(minimumPopulation >= 1, "minimumPopulation must be at least 1", minimumPopulation);
      require(score >= 0 && score <= 1, "shared fingerprint score must be in [0, 1]", score);
      this.sharedAccounts = accounts;
      this.rareShare = rareShare;
      this.minimumPopulation = minimumPopulation;
      this.sharedFingerprintScore = score;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException if a shared fingerprint needs more accounts than are
     *     remembered per fingerprint
     */
    public ParameterConfig build() {
      require(sharedAccounts <= accountsPerFingerprint,
          "shared accounts must not exceed accountsPerFingerprint " + accountsPerFingerprint, sharedAccounts);
      return new ParameterConfig(this);
    }
  }
}
