package dev.distillwatch.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named, immutable simulation: a time window, the cohorts that send traffic in it, the release
 * of a new model if any, and the seed that makes it reproducible. Built with {@link #builder};
 * the standard ones are in {@link Scenarios}.
 */
public final class Scenario {
  private static final long DAY = 24L * 3600 * 1000;

  private final String name;
  private final String description;
  private final long seed;
  private final long start;
  private final double days;
  private final double releaseDay;
  private final List<Cohort> cohorts;

  private Scenario(Builder b) {
    this.name = b.name;
    this.description = b.description;
    this.seed = b.seed;
    this.start = b.start;
    this.days = b.days;
    this.releaseDay = b.releaseDay;
    this.cohorts = List.copyOf(b.cohorts);
  }

  /** A builder for a scenario called {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public long seed() {
    return seed;
  }

  /** The first instant, epoch milliseconds. */
  public long start() {
    return start;
  }

  /** The length of the window in days. */
  public double days() {
    return days;
  }

  /** The day (from the start) the new model is released; negative for no release. */
  public double releaseDay() {
    return releaseDay;
  }

  public List<Cohort> cohorts() {
    return cohorts;
  }

  /** The environment actors of this scenario share. */
  public Environment environment(PromptLibrary prompts) {
    long end = start + (long) (days * DAY);
    long release = releaseDay < 0 ? Long.MAX_VALUE : start + (long) (releaseDay * DAY);
    return new Environment(prompts, start, end, release);
  }

  /** This scenario with another seed. */
  public Scenario withSeed(long seed) {
    return toBuilder().seed(seed).build();
  }

  /** This scenario with every cohort's account count multiplied by {@code factor}. */
  public Scenario scaled(double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("scale must be positive, was " + factor);
    }
    if (factor == 1.0) {
      return this;
    }
    Builder b = toBuilder();
    b.cohorts.clear();
    for (Cohort c : cohorts) {
      b.cohort(c.scaled(factor));
    }
    return b.build();
  }

  /** This scenario with only the cohorts of the given kind (e.g. the benign population alone). */
  public Scenario only(Label.Kind kind) {
    Builder b = toBuilder();
    b.cohorts.clear();
    for (Cohort c : cohorts) {
      if (c.kind() == kind) {
        b.cohort(c);
      }
    }
    return b.build();
  }

  private Builder toBuilder() {
    Builder b = new Builder(name).description(description).seed(seed).start(start).days(days).releaseDay(releaseDay);
    cohorts.forEach(b::cohort);
    return b;
  }

  @Override
  public String toString() {
    return "Scenario{" + name + ", " + days + " days from " + Instant.ofEpochMilli(start) + ", seed=" + seed
        + ", cohorts=" + cohorts.stream().map(Cohort::name).toList() + "}";
  }

  /** Builds a {@link Scenario}. */
  public static final class Builder {
    private final String name;
    private String description = "";
    private long seed = 42;
    private long start = Instant.parse("2026-04-06T00:00:00Z").toEpochMilli(); // a Monday
    private double days = 7;
    private double releaseDay = -1;
    private final List<Cohort> cohorts = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The first instant, epoch milliseconds (default Monday 2026-04-06 00:00 UTC). */
    public Builder start(long epochMillis) {
      this.start = epochMillis;
      return this;
    }

    /** The length of the window in days (default 7). */
    public Builder days(double days) {
      if (!(days > 0)) {
        throw new IllegalArgumentException("days must be positive, was " + days);
      }
      this.days = days;
      return this;
    }

    /** The day the new model is released; negative (the default) for none. */
    public Builder releaseDay(double day) {
      this.releaseDay = day;
      return this;
    }

    /** Adds a cohort; cohorts names must be unique. */
    public Builder cohort(Cohort cohort) {
      Objects.requireNonNull(cohort, "cohort");
      for (Cohort c : cohorts) {
        if (c.name().equals(cohort.name())) {
          throw new IllegalArgumentException("two cohorts are named '" + cohort.name() + "'");
        }
      }
      cohorts.add(cohort);
      return this;
    }

    public Scenario build() {
      return new Scenario(this);
    }
  }
}
