package dev.distillwatch.simulator.population;

import dev.distillwatch.simulator.Actor;
import dev.distillwatch.simulator.Cohort;
import dev.distillwatch.simulator.Environment;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ordinary users of the API.
 *
 * <ul>
 *   <li>Activity is heavy-tailed: each account's mean weekly requests are log-normal with median
 *       {@link Builder#medianWeeklyRequests} and shape {@link Builder#activitySigma} (defaults 4
 *       and 1.3: half send at most 4 a week, one in a hundred more than 80, one in a thousand
 *       more than 220), capped at {@link Builder#maxWeeklyRequests}.
 *   <li>Requests come in sessions whose starts follow {@link dev.distillwatch.simulator.Diurnal#PERSONAL}
 *       in the account's own time zone (eight zones from UTC-8 to UTC+9); a session has
 *       1 + geometric(mean {@code meanSessionLength} - 1) requests, about 75 s apart (log-normal).
 *   <li>Within a session a request continues the conversation (the messages grow) with
 *       probability {@link Builder#followUpShare}, otherwise starts a new topic.
 *   <li>Personas: general users draw from all benign prompts; students ({@link Builder#studentShare})
 *       send homework-style math (grade-school word problems) and ask for steps; developers
 *       ({@link Builder#developerShare}) send everyday coding questions.
 *   <li>Popular prompts: a fixed pool of {@link Builder#popularPrompts} benign prompts, Zipf
 *       distributed, is sent word for word by many unrelated users ({@link Builder#popularShare}
 *       of new topics).
 * </ul>
 */
public final class BenignPopulation implements Cohort {
  private final String name;
  private final int accounts;
  private final double medianWeeklyRequests;
  private final double activitySigma;
  private final double maxWeeklyRequests;
  private final double meanSessionLength;
  private final double followUpShare;
  private final double studentShare;
  private final double developerShare;
  private final int popularPrompts;
  private final double popularShare;

  private BenignPopulation(Builder b) {
    this.name = b.name;
    this.accounts = b.accounts;
    this.medianWeeklyRequests = b.medianWeeklyRequests;
    this.activitySigma = b.activitySigma;
    this.maxWeeklyRequests = b.maxWeeklyRequests;
    this.meanSessionLength = b.meanSessionLength;
    this.followUpShare = b.followUpShare;
    this.studentShare = b.studentShare;
    this.developerShare = b.developerShare;
    this.popularPrompts = b.popularPrompts;
    this.popularShare = b.popularShare;
  }

  /** A builder for a population of {@code accounts} users. */
  public static Builder builder(int accounts) {
    return new Builder(accounts);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Label.Kind kind() {
    return Label.Kind.BENIGN;
  }

  public int accounts() {
    return accounts;
  }

  @Override
  public Cohort scaled(double factor) {
    Builder b = toBuilder();
    b.accounts = Cohort.scale(accounts, factor);
    return b.build();
  }

  @Override
  public List<Actor> actors(Environment env, SplittableRandom random) {
    List<Prompt> all = env.prompts().benign();
    Prompt[] popular = new Prompt[Math.min(popularPrompts, all.size())];
    for (int i = 0; i < popular.length; i++) {
      popular[i] = all.get(random.nextInt(all.size()));
    }
    Shared shared = new Shared(env, label(), popular, all,
        env.prompts().benignIn("math"), env.prompts().extractionIn("math"),
        env.prompts().benignIn("coding"), env.prompts().extractionIn("coding"));
    List<Actor> out = new ArrayList<>(accounts);
    for (int i = 0; i < accounts; i++) {
      SplittableRandom r = random.split();
      double weekly = Math.min(maxWeeklyRequests,
          medianWeeklyRequests * StrictMath.exp(activitySigma * dev.distillwatch.simulator.Diurnal.gaussian(r)));
      double u = r.nextDouble();
      BenignUser.Persona persona = u < studentShare ? BenignUser.Persona.STUDENT
          : u < studentShare + developerShare ? BenignUser.Persona.DEVELOPER : BenignUser.Persona.GENERAL;
      out.add(new BenignUser(shared, r, weekly, persona, meanSessionLength, followUpShare, popularShare));
    }
    return out;
  }

  private Builder toBuilder() {
    Builder b = new Builder(accounts);
    b.name = name;
    b.medianWeeklyRequests = medianWeeklyRequests;
    b.activitySigma = activitySigma;
    b.maxWeeklyRequests = maxWeeklyRequests;
    b.meanSessionLength = meanSessionLength;
    b.followUpShare = followUpShare;
    b.studentShare = studentShare;
    b.developerShare = developerShare;
    b.popularPrompts = popularPrompts;
    b.popularShare = popularShare;
    return b;
  }

  /** What all users of one population share: prompts by persona and the popular pool. */
  record Shared(Environment env, Label label, Prompt[] popular, List<Prompt> all, List<Prompt> benignMath,
      List<Prompt> homeworkMath, List<Prompt> benignCoding, List<Prompt> everydayCoding) {}

  /** Builds a {@link BenignPopulation}. */
  public static final class Builder {
    private String name = "benign";
    private int accounts;
    private double medianWeeklyRequests = 4;
    private double activitySigma = 1.3;
    private double maxWeeklyRequests = 1500;
    private double meanSessionLength = 3.5;
    private double followUpShare = 0.5;
    private double studentShare = 0.15;
    private double developerShare = 0.15;
    private int popularPrompts = 40;
    private double popularShare = 0.08;

    private Builder(int accounts) {
      if (accounts <= 0) {
        throw new IllegalArgumentException("accounts must be positive, was " + accounts);
      }
      this.accounts = accounts;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The median over accounts of mean requests per week (default 4). */
    public Builder medianWeeklyRequests(double v) {
      this.medianWeeklyRequests = v;
      return this;
    }

    /** The log-normal shape of weekly activity across accounts (default 1.3). */
    public Builder activitySigma(double v) {
      this.activitySigma = v;
      return this;
    }

    /** The most requests a week any account averages (default 1,500). */
    public Builder maxWeeklyRequests(double v) {
      this.maxWeeklyRequests = v;
      return this;
    }

    /** The mean number of requests in a session (default 3.5). */
    public Builder meanSessionLength(double v) {
      this.meanSessionLength = Math.max(1, v);
      return this;
    }

    /** The share of in-session requests that continue the conversation (default 0.5). */
    public Builder followUpShare(double v) {
      this.followUpShare = v;
      return this;
    }

    /** The share of students sending homework math (default 0.15). */
    public Builder studentShare(double v) {
      this.studentShare = v;
      return this;
    }

    /** The share of developers sending everyday coding questions (default 0.15). */
    public Builder developerShare(double v) {
      this.developerShare = v;
      return this;
    }

    /** How many prompts are popular, sent word for word by many users (default 40). */
    public Builder popularPrompts(int v) {
      this.popularPrompts = v;
      return this;
    }

    /** The share of new topics taken from the popular pool (default 0.08). */
    public Builder popularShare(double v) {
      this.popularShare = v;
      return this;
    }

    public BenignPopulation build() {
      return new BenignPopulation(this);
    }
  }
}
