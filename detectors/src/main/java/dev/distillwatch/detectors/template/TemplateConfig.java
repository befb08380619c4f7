package dev.distillwatch.detectors.template;

import static dev.distillwatch.detectors.ConfigChecks.require;

import java.util.Locale;

/** Immutable settings of the {@link TemplateDetector}. */
public final class TemplateConfig {
  private static final TemplateConfig DEFAULTS = builder().build();

  private final int templateCapacity;
  private final int templatesPerAccount;
  private final int taskSketchSize;
  private final int minimumRequests;
  private final int minimumDistinctTasks;
  private final int saturationDistinctTasks;
  private final double shareFloor;
  private final double shareSaturation;
  private final double minimumNovelty;
  private final int saturationAccounts;
  private final double singleAccountMaximumScore;
  private final double maximumScore;
  private final boolean domainAware;
  private final long halvingRequests;

  private TemplateConfig(Builder b) {
    this.templateCapacity = b.templateCapacity;
    this.templatesPerAccount = b.templatesPerAccount;
    this.taskSketchSize = b.taskSketchSize;
    this.minimumRequests = b.minimumRequests;
    this.minimumDistinctTasks = b.minimumDistinctTasks;
    this.saturationDistinctTasks = b.saturationDistinctTasks;
    this.shareFloor = b.shareFloor;
    this.shareSaturation = b.shareSaturation;
    this.minimumNovelty = b.minimumNovelty;
    this.saturationAccounts = b.saturationAccounts;
    this.singleAccountMaximumScore = b.singleAccountMaximumScore;
    this.maximumScore = b.maximumScore;
    this.domainAware = b.domainAware;
    this.halvingRequests = b.halvingRequests;
  }

  /** The recommended settings. */
  public static TemplateConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Template clusters held by the shared index (default 10,000; ~2.2 KB each). */
  public int templateCapacity() {
    return templateCapacity;
  }

  /** Top templates tracked per account (space-saving; default 4). */
  public int templatesPerAccount() {
    return templatesPerAccount;
  }

  /** Smallest task fingerprints kept per tracked template (KMV; default 16). */
  public int taskSketchSize() {
    return taskSketchSize;
  }

  /** Requests an account must have sent before it is scored (default 10). */
  public int minimumRequests() {
    return minimumRequests;
  }

  /**
   * Distinct tasks an account must push through one template before it is scored, and before it
   * counts as one of the template's task-pushing accounts (default 8).
   */
  public int minimumDistinctTasks() {
    return minimumDistinctTasks;
  }

  /** Distinct tasks through the top template at which that factor saturates (default 64). */
  public int saturationDistinctTasks() {
    return saturationDistinctTasks;
  }

  /** Share of the account's requests in its top template below which it scores 0 (default 0.3). */
  public double shareFloor() {
    return shareFloor;
  }

  /** Share at which the concentration factor saturates (default 0.8). */
  public double shareSaturation() {
    return shareSaturation;
  }

  /**
   * Distinct tasks per request through the template at which the novelty factor saturates
   * (default 0.5): an account re-sending the same few tasks (a classroom, a retry loop) is not
   * harvesting.
   */
  public double minimumNovelty() {
    return minimumNovelty;
  }

  /** Task-pushing accounts on one template at which the sharing factor saturates (default 16). */
  public int saturationAccounts() {
    return saturationAccounts;
  }

  /**
   * The highest score one account alone can reach, with all its tasks in capability domains
   * (default 0.5: a lone account could be a batch job; WATCH at most).
   */
  public double singleAccountMaximumScore() {
    return singleAccountMaximumScore;
  }

  /**
   * The highest score, for a template shared by many task-pushing accounts (default 0.5, the
   * single-account maximum: in the default suite the coordination detector links the accounts that
   * share templates and scores them as a campaign, after checking what the users of one app share
   * too; a sharing boost here counted that evidence a second time and flagged the users of one
   * tutoring app. Raise it, e.g. to 0.85, when running without the coordination detector).
   */
  public double maximumScore() {
    return maximumScore;
  }

  /**
   * Whether to weigh by the share of capability-domain tasks (coding, math, reasoning, agentic),
   * from the shared domain classification (default true; costs one domain pass per request when
   * no other detector already asked for it).
   */
  public boolean domainAware() {
    return domainAware;
  }

  /** Per-account request count at which the account's counts are halved (default 10,000). */
  public long halvingRequests() {
    return halvingRequests;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "TemplateConfig{templateCapacity=%d, templatesPerAccount=%d, taskSketchSize=%d, "
            + "minimumRequests=%d, minimumDistinctTasks=%d, saturationDistinctTasks=%d, "
            + "shareFloor=%s, shareSaturation=%s, minimumNovelty=%s, saturationAccounts=%d, "
            + "singleAccountMaximumScore=%s, maximumScore=%s, domainAware=%s, halvingRequests=%d}",
        templateCapacity, templatesPerAccount, taskSketchSize, minimumRequests,
        minimumDistinctTasks, saturationDistinctTasks, shareFloor, shareSaturation, minimumNovelty,
        saturationAccounts, singleAccountMaximumScore, maximumScore, domainAware, halvingRequests);
  }

  /** Builds a {@link TemplateConfig}; unset values keep their defaults. */
  public static final class Builder {
    private int templateCapacity = 10_000;
    private int templatesPerAccount = 4;
    private int taskSketchSize = 16;
    private int minimumRequests = 10;
    private int minimumDistinctTasks = 8;
    private int saturationDistinctTasks = 64;
    private double shareFloor = 0.3;
    private double shareSaturation = 0.8;
    private double minimumNovelty = 0.5;
    private int saturationAccounts = 16;
    private double singleAccountMaximumScore = 0.5;
    private double maximumScore = 0.5;
    private boolean domainAware = true;
    private long halvingRequests = 10_000;

    private Builder() {}

    public Builder templateCapacity(int clusters) {
      require(clusters >= 1, "templateCapacity must be positive", clusters);
      this.templateCapacity = clusters;
      return this;
    }

    public Builder templatesPerAccount(int k) {
      require(k >= 1 && k <= 16, "templatesPerAccount must be in [1, 16]", k);
      this.templatesPerAccount = k;
      return this;
    }

    public Builder taskSketchSize(int k) {
      require(k >= 4 && k <= 256, "taskSketchSize must be in [4, 256]", k);
      this.taskSketchSize = k;
      return this;
    }

    public Builder minimumRequests(int n) {
      require(n >= 1, "minimumRequests must be positive", n);
      this.minimumRequests = n;
      return this;
    }

    public Builder minimumDistinctTasks(int n) {
      require(n >= 2, "minimumDistinctTasks must be at least 2", n);
      this.minimumDistinctTasks = n;
      return this;
    }

    public Builder saturationDistinctTasks(int n) {
      require(n >= 2, "saturationDistinctTasks must be at least 2", n);
      this.saturationDistinctTasks = n;
      return this;
    }

    public Builder shareFloor(double share) {
      require(share >= 0 && share < 1, "shareFloor must be in [0, 1)", share);
      this.shareFloor = share;
      return this;
    }

    public Builder shareSaturation(double share) {
      require(share > 0 && share <= 1, "shareSaturation must be in (0, 1]", share);
      this.shareSaturation = share;
      return this;
    }

    public Builder minimumNovelty(double ratio) {
      require(ratio > 0 && ratio <= 1, "minimumNovelty must be in (0, 1]", ratio);
      this.minimumNovelty = ratio;
      return this;
    }

    public Builder saturationAccounts(int accounts) {
      require(accounts >= 2, "saturationAccounts must be at least 2", accounts);
      this.saturationAccounts = accounts;
      return this;
    }

    public Builder singleAccountMaximumScore(double score) {
      require(score >= 0 && score <= 1, "singleAccountMaximumScore must be in [0, 1]", score);
      this.singleAccountMaximumScore = score;
      return this;
    }

    public Builder maximumScore(double score) {
      require(score > 0 && score <= 1, "maximumScore must be in (0, 1]", score);
      this.maximumScore = score;
      return this;
    }

    public Builder domainAware(boolean aware) {
      this.domainAware = aware;
      return this;
    }

    public Builder halvingRequests(long n) {
      require(n >= 100, "halvingRequests must be at least 100", n);
      this.halvingRequests = n;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException if the values are inconsistent
     */
    public TemplateConfig build() {
      require(shareSaturation > shareFloor, "shareSaturation must exceed shareFloor", shareSaturation);
      require(saturationDistinctTasks > minimumDistinctTasks,
          "saturationDistinctTasks must exceed minimumDistinctTasks", saturationDistinctTasks);
      require(singleAccountMaximumScore <= maximumScore,
          "singleAccountMaximumScore must not exceed maximumScore", singleAccountMaximumScore);
      return new TemplateConfig(this);
    }
  }
}
