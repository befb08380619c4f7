package dev.distillwatch.detectors.coordination;

/** Immutable settings of the {@link CoordinationDetector}. */
public final class CoordinationConfig {
  /** Distinct tasks below which a campaign's count of tasks adds no novelty (a week of one class). */
  static final double TASK_FLOOR = 20;
  private static final CoordinationConfig DEFAULTS = builder().build();

  private final int keyCapacity;
  private final long campaignCapacity;
  private final int templateRows;
  private final int templateBands;
  private final double rareAccounts;
  private final double hubAccounts;
  private final double familyThreshold;
  private final double harvestShare;
  private final double hoursOverlap;
  private final int minimumFamilies;
  private final int minimumDistinctTasks;
  private final int minimumMembers;
  private final int saturationMembers;
  private final int minimumRequests;
  private final int saturationRequests;
  private final int saturationTasks;
  private final double maximumScore;
  private final int domainStride;

  private CoordinationConfig(Builder b) {
    this.keyCapacity = b.keyCapacity;
    this.campaignCapacity = b.campaignCapacity;
    this.templateRows = b.templateRows;
    this.templateBands = b.templateBands;
    this.rareAccounts = b.rareAccounts;
    this.hubAccounts = b.hubAccounts;
    this.familyThreshold = b.familyThreshold;
    this.harvestShare = b.harvestShare;
    this.hoursOverlap = b.hoursOverlap;
    this.minimumFamilies = b.minimumFamilies;
    this.minimumDistinctTasks = b.minimumDistinctTasks;
    this.minimumMembers = b.minimumMembers;
    this.saturationMembers = b.saturationMembers;
    this.minimumRequests = b.minimumRequests;
    this.saturationRequests = b.saturationRequests;
    this.saturationTasks = b.saturationTasks;
    this.maximumScore = b.maximumScore;
    this.domainStride = b.domainStride;
  }

  /** The recommended settings. */
  public static CoordinationConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the recommended settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Link keys held (payment, network, template); 40 bytes each (default 524,288: 20 MB). */
  public int keyCapacity() {
    return keyCapacity;
  }

  /** Campaign nodes held (default 65,536; ~1 KB each with its task sketch). */
  public long campaignCapacity() {
    return campaignCapacity;
  }

  /** Rows per template band key; identical skeletons share every band (default 2). */
  public int templateRows() {
    return templateRows;
  }

  /** Template band keys per request (default 2). */
  public int templateBands() {
    return templateBands;
  }

  /** Accounts sharing a key at or below which a link through it has full weight (default 64). */
  public double rareAccounts() {
    return rareAccounts;
  }

  /** Accounts sharing a key at or above which it is a hub and links nothing (default 4,096). */
  public double hubAccounts() {
    return hubAccounts;
  }

  /** Evidence a family needs towards one campaign to count (sum of key weights; default 0.5). */
  public double familyThreshold() {
    return familyThreshold;
  }

  /**
   * Share of an account's requests that must ask for the reasoning written out (with at least 5
   * such requests) for it to pair with another account of the same rare request shape (default
   * 0.3).
   */
  public double harvestShare() {
    return harvestShare;
  }

  /**
   * The least overlap of two harvesting accounts' activity over the hours of the day (six 4-hour
   * bins, normalised) for them to pair by request shape (default 0.6).
   */
  public double hoursOverlap() {
    return hoursOverlap;
  }

  /** Independent link families a merge needs (default 2). */
  public int minimumFamilies() {
    return minimumFamilies;
  }

  /** Distinct tasks an account must push through a template before it links or counts as templated (default 3). */
  public int minimumDistinctTasks() {
    return minimumDistinctTasks;
  }

  /** Members a campaign needs before it scores (default 3). */
  public int minimumMembers() {
    return minimumMembers;
  }

  /** Members at which the size factor saturates (default 20). */
  public int saturationMembers() {
    return saturationMembers;
  }

  /** Campaign requests before it scores (default 20). */
  public int minimumRequests() {
    return minimumRequests;
  }

  /** Campaign requests at which the volume factor saturates (default 500). */
  public int saturationRequests() {
    return saturationRequests;
  }

  /**
   * Distinct tasks at which a campaign's novelty saturates whatever its volume (default 500): a
   * long campaign repeats tasks as its task set runs out, a class repeats one assignment.
   */
  public int saturationTasks() {
    return saturationTasks;
  }

  /** The score of a saturated campaign with fully extraction-like behaviour (default 0.95). */
  public double maximumScore() {
    return maximumScore;
  }

  /** One member request in this many is classified into a capability domain (default 8). */
  public int domainStride() {
    return domainStride;
  }

  @Override
  public String toString() {
    return "CoordinationConfig{" + "keyCapacity=" + keyCapacity + ", " + "campaignCapacity=" + campaignCapacity + ", " + "templateRows=" + templateRows + ", " + "templateBands=" + templateBands + ", " + "rareAccounts=" + rareAccounts + ", " + "hubAccounts=" + hubAccounts + ", " + "familyThreshold=" + familyThreshold + ", " + "harvestShare=" + harvestShare + ", " + "hoursOverlap=" + hoursOverlap + ", " + "minimumFamilies=" + minimumFamilies + ", " + "minimumDistinctTasks=" + minimumDistinctTasks + ", " + "minimumMembers=" + minimumMembers + ", " + "saturationMembers=" + saturationMembers + ", " + "minimumRequests=" + minimumRequests + ", " + "saturationRequests=" + saturationRequests + ", " + "saturationTasks=" + saturationTasks + ", " + "maximumScore=" + maximumScore + ", " + "domainStride=" + domainStride + "}";
  }

  /** Builds a {@link CoordinationConfig}. */
  public static final class Builder {
    private int keyCapacity = 524288;
    private long campaignCapacity = 65536;
    private int templateRows = 2;
    private int templateBands = 8;
    private double rareAccounts = 64;
    private double hubAccounts = 4096;
    private double familyThreshold = 0.5;
    private double harvestShare = 0.3;
    private double hoursOverlap = 0.6;
    private int minimumFamilies = 2;
    private int minimumDistinctTasks = 3;
    private int minimumMembers = 3;
    private int saturationMembers = 20;
    private int minimumRequests = 20;
    private int saturationRequests = 500;
    private int saturationTasks = 500;
    private double maximumScore = 0.95;
    private int domainStride = 8;

    private Builder() {}

    /** Link keys held (payment, network, template); 40 bytes each (default 524,288: 20 MB). */
    public Builder keyCapacity(int v) {
      this.keyCapacity = v;
      return this;
    }

    /** Campaign nodes held (default 65,536; ~1 KB each with its task sketch). */
    public Builder campaignCapacity(long v) {
      this.campaignCapacity = v;
      return this;
    }

    /** Rows per template band key; identical skeletons share every band (default 2). */
    public Builder templateRows(int v) {
      this.templateRows = v;
      return this;
    }

    /** Template band keys per request (default 2). */
    public Builder templateBands(int v) {
      this.templateBands = v;
      return this;
    }

    /** Accounts sharing a key at or below which a link through it has full weight (default 64). */
    public Builder rareAccounts(double v) {
      this.rareAccounts = v;
      return this;
    }

    /** Accounts sharing a key at or above which it is a hub and links nothing (default 4,096). */
    public Builder hubAccounts(double v) {
      this.hubAccounts = v;
      return this;
    }

    /** Evidence a family needs towards one campaign to count (sum of key weights; default 0.5). */
    public Builder familyThreshold(double v) {
      this.familyThreshold = v;
      return this;
    }

    /** Share of requests asking for written-out reasoning that makes an account pair by shape (default 0.3). */
    public Builder harvestShare(double v) {
      this.harvestShare = v;
      return this;
    }

    /** The least hours-of-day overlap for two harvesting accounts to pair by request shape (default 0.6). */
    public Builder hoursOverlap(double v) {
      this.hoursOverlap = v;
      return this;
    }

    /** Independent link families a merge needs (default 2). */
    public Builder minimumFamilies(int v) {
      this.minimumFamilies = v;
      return this;
    }

    /** Distinct tasks an account must push through a template before it links or counts as templated (default 3). */
    public Builder minimumDistinctTasks(int v) {
      this.minimumDistinctTasks = v;
      return this;
    }

    /** Members a campaign needs before it scores (default 3). */
    public Builder minimumMembers(int v) {
      this.minimumMembers = v;
      return this;
    }

    /** Members at which the size factor saturates (default 20). */
    public Builder saturationMembers(int v) {
      this.saturationMembers = v;
      return this;
    }

    /** Campaign requests before it scores (default 20). */
    public Builder minimumRequests(int v) {
      this.minimumRequests = v;
      return this;
    }

    /** Campaign requests at which the volume factor saturates (default 500). */
    public Builder saturationRequests(int v) {
      this.saturationRequests = v;
      return this;
    }

    /** Distinct tasks at which novelty saturates whatever the volume (default 500). */
    public Builder saturationTasks(int v) {
      this.saturationTasks = v;
      return this;
    }

    /** The score of a saturated campaign with fully extraction-like behaviour (default 0.95). */
    public Builder maximumScore(double v) {
      this.maximumScore = v;
      return this;
    }

    /** One member request in this many is classified into a capability domain (default 8). */
    public Builder domainStride(int v) {
      this.domainStride = v;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public CoordinationConfig build() {
      require(keyCapacity >= 64, "keyCapacity must be at least 64");
      require(campaignCapacity >= 16, "campaignCapacity must be at least 16");
      require(templateRows >= 1 && templateBands >= 0 && templateRows * templateBands <= 128,
          "templateRows x templateBands must fit in 128 signature components");
      require(rareAccounts >= 1 && hubAccounts > rareAccounts, "need 1 <= rareAccounts < hubAccounts");
      require(familyThreshold > 0 && familyThreshold <= 1, "familyThreshold must be in (0, 1]");
      require(harvestShare > 0 && harvestShare <= 1, "harvestShare must be in (0, 1]");
      require(hoursOverlap >= 0 && hoursOverlap <= 1, "hoursOverlap must be in [0, 1]");
      require(minimumFamilies >= 1 && minimumFamilies <= LinkFamily.ALL.length, "minimumFamilies must be in [1, 3]");
      require(minimumDistinctTasks >= 1, "minimumDistinctTasks must be positive");
      require(minimumMembers >= 2 && saturationMembers > minimumMembers - 1, "need 2 <= minimumMembers <= saturationMembers");
      require(minimumRequests >= 1 && saturationRequests > minimumRequests, "need 1 <= minimumRequests < saturationRequests");
      require(saturationTasks > TASK_FLOOR, "saturationTasks must exceed " + TASK_FLOOR);
      require(maximumScore > 0 && maximumScore <= 1, "maximumScore must be in (0, 1]");
      require(domainStride >= 1, "domainStride must be positive");
      return new CoordinationConfig(this);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
