package dev.distillwatch.simulator.campaign;

import dev.distillwatch.simulator.Actor;
import dev.distillwatch.simulator.Cohort;
import dev.distillwatch.simulator.Environment;
import dev.distillwatch.simulator.Label;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An extraction campaign: one operator driving a pool of accounts. Immutable; built with
 * {@link #builder}, presets in {@link Campaigns}.
 *
 * <p>The operator keeps {@link Builder#accounts} accounts active; each sends at
 * {@link Builder#ratePerAccountPerHour} on average (Poisson, optionally following office hours),
 * and is retired after {@link Builder#requestsPerAccount} requests and replaced by a fresh
 * account (churn). Requests are assigned to accounts round-robin (load balancing) or at random.
 * Each account uses one of {@link Builder#templates} templates, rotating to the next every
 * {@link Builder#rotateEvery} requests; each request is paraphrased with probability
 * {@link Builder#paraphrase}; a share {@link Builder#camouflage} of requests are ordinary benign
 * prompts. Accounts share {@link Builder#paymentMethods} payment methods (0: one each) and send
 * through a proxy pool of {@link Builder#proxyPool} residential addresses (0: one address each).
 */
public final class Campaign implements Cohort {
  /** How requests are spread over the active accounts. */
  public enum Balancing {
    /** Each request goes to the next account in turn: even load, regular per-account spacing. */
    ROUND_ROBIN,
    /** Each request goes to an account chosen at random. */
    RANDOM
  }

  final String name;
  final CampaignStyle style;
  final int accounts;
  final int requestsPerAccount;
  final double ratePerAccountPerHour;
  final double startDay;
  final double durationDays;
  final boolean officeHours;
  final Balancing balancing;
  final int templates;
  final int rotateEvery;
  final double paraphrase;
  final double camouflage;
  final int paymentMethods;
  final int proxyPool;
  final boolean pivotToNewModel;
  final double pivotSurge;
  final double logitBiasShare;

  private Campaign(Builder b) {
    this.name = b.name;
    this.style = b.style;
    this.accounts = b.accounts;
    this.requestsPerAccount = b.requestsPerAccount;
    this.ratePerAccountPerHour = b.ratePerAccountPerHour;
    this.startDay = b.startDay;
    this.durationDays = b.durationDays;
    this.officeHours = b.officeHours;
    this.balancing = b.balancing;
    this.templates = b.templates;
    this.rotateEvery = b.rotateEvery;
    this.paraphrase = b.paraphrase;
    this.camouflage = b.camouflage;
    this.paymentMethods = b.paymentMethods;
    this.proxyPool = b.proxyPool;
    this.pivotToNewModel = b.pivotToNewModel;
    this.pivotSurge = b.pivotSurge;
    this.logitBiasShare = b.logitBiasShare;
  }

  /** A builder for a campaign called {@code name} of the given style. */
  public static Builder builder(String name, CampaignStyle style) {
    return new Builder(name, style);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Label.Kind kind() {
    return Label.Kind.CAMPAIGN;
  }

  public CampaignStyle style() {
    return style;
  }

  /** The number of accounts active at any time. */
  public int accounts() {
    return accounts;
  }

  @Override
  public Cohort scaled(double factor) {
    Builder b = toBuilder();
    b.accounts = Cohort.scale(accounts, factor);
    if (proxyPool > 0) {
      b.proxyPool = Cohort.scale(proxyPool, factor);
    }
    if (paymentMethods > 0) {
      b.paymentMethods = Cohort.scale(paymentMethods, factor);
    }
    return b.build();
  }

  @Override
  public List<Actor> actors(Environment env, SplittableRandom random) {
    return List.of(new CampaignOperator(this, env, label(), random));
  }

  Builder toBuilder() {
    Builder b = new Builder(name, style);
    b.accounts = accounts;
    b.requestsPerAccount = requestsPerAccount;
    b.ratePerAccountPerHour = ratePerAccountPerHour;
    b.startDay = startDay;
    b.durationDays = durationDays;
    b.officeHours = officeHours;
    b.balancing = balancing;
    b.templates = templates;
    b.rotateEvery = rotateEvery;
    b.paraphrase = paraphrase;
    b.camouflage = camouflage;
    b.paymentMethods = paymentMethods;
    b.proxyPool = proxyPool;
    b.pivotToNewModel = pivotToNewModel;
    b.pivotSurge = pivotSurge;
    b.logitBiasShare = logitBiasShare;
    return b;
  }

  @Override
  public String toString() {
    return "Campaign{" + name + ", " + style + ", accounts=" + accounts + ", requestsPerAccount="
        + (requestsPerAccount == Integer.MAX_VALUE ? "unlimited" : requestsPerAccount) + ", rate/h="
        + ratePerAccountPerHour + ", templates=" + templates + ", paraphrase=" + paraphrase + ", camouflage="
        + camouflage + ", proxyPool=" + proxyPool + ", paymentMethods=" + paymentMethods + "}";
  }

  /** Builds a {@link Campaign}. */
  public static final class Builder {
    private final String name;
    private final CampaignStyle style;
    private int accounts = 10;
    private int requestsPerAccount = Integer.MAX_VALUE;
    private double ratePerAccountPerHour = 4;
    private double startDay = 1;
    private double durationDays = 5;
    private boolean officeHours;
    private Balancing balancing = Balancing.ROUND_ROBIN;
    private int templates = 3;
    private int rotateEvery = 100;
    private double paraphrase = 0.3;
    private double camouflage;
    private int paymentMethods;
    private int proxyPool;
    private boolean pivotToNewModel;
    private double pivotSurge = 1;
    private double logitBiasShare = 0.3;

    private Builder(String name, CampaignStyle style) {
      this.name = Objects.requireNonNull(name, "name");
      this.style = Objects.requireNonNull(style, "style");
    }

    /** Accounts active at any time (default 10). */
    public Builder accounts(int v) {
      this.accounts = positive(v, "accounts");
      return this;
    }

    /** Requests after which an account is retired and replaced (default unlimited). */
    public Builder requestsPerAccount(int v) {
      this.requestsPerAccount = positive(v, "requestsPerAccount");
      return this;
    }

    /** Mean requests per hour of each active account (default 4). */
    public Builder ratePerAccountPerHour(double v) {
      this.ratePerAccountPerHour = v;
      return this;
    }

    /** The day the campaign starts, from the scenario's start (default 1). */
    public Builder startDay(double v) {
      this.startDay = v;
      return this;
    }

    /** How many days it runs (default 5). */
    public Builder durationDays(double v) {
      this.durationDays = v;
      return this;
    }

    /** Whether it only sends in office hours of its operator's time zone, like people (default no). */
    public Builder officeHours(boolean v) {
      this.officeHours = v;
      return this;
    }

    public Builder balancing(Balancing v) {
      this.balancing = Objects.requireNonNull(v);
      return this;
    }

    /** How many templates it uses (default 3). */
    public Builder templates(int v) {
      this.templates = positive(v, "templates");
      return this;
    }

    /** Requests after which an account switches to its next template (default 100). */
    public Builder rotateEvery(int v) {
      this.rotateEvery = positive(v, "rotateEvery");
      return this;
    }

    /** The probability a request's instruction is paraphrased (default 0.3). */
    public Builder paraphrase(double v) {
      this.paraphrase = v;
      return this;
    }

    /** The share of requests that are benign camouflage (default 0). */
    public Builder camouflage(double v) {
      this.camouflage = v;
      return this;
    }

    /** Payment methods shared by all accounts; 0 (the default) for one per account. */
    public Builder paymentMethods(int v) {
      this.paymentMethods = v;
      return this;
    }

    /** Addresses in the proxy pool used by all accounts; 0 (the default) for one address per account. */
    public Builder proxyPool(int v) {
      this.proxyPool = v;
      return this;
    }

    /**
     * Whether it moves to the newly released model as soon as it is out, multiplying its rate by
     * {@code surge} (default no).
     */
    public Builder pivotToNewModel(double surge) {
      this.pivotToNewModel = true;
      this.pivotSurge = surge;
      return this;
    }

    /** For {@link CampaignStyle#LOGPROB_PROBE}: the share of probes with a wide logit bias (default 0.3). */
    public Builder logitBiasShare(double v) {
      this.logitBiasShare = v;
      return this;
    }

    public Campaign build() {
      return new Campaign(this);
    }

    private static int positive(int v, String what) {
      if (v <= 0) {
        throw new IllegalArgumentException(what + " must be positive, was " + v);
      }
      return v;
    }
  }
}
