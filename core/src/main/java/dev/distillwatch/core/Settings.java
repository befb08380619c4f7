package dev.distillwatch.core;

import java.util.Objects;

/**
 * The pipeline-wide settings a {@link DetectorSuite} builds its detectors with: the hashing seed,
 * the bound on tracked accounts, and the clock.
 */
public final class Settings {
  private final long seed;
  private final long maximumAccounts;
  private final Clock clock;

  private Settings(long seed, long maximumAccounts, Clock clock) {
    this.seed = seed;
    this.maximumAccounts = maximumAccounts;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Settings.
   *
   * @throws IllegalArgumentException if {@code maximumAccounts} is not positive
   */
  public static Settings of(long seed, long maximumAccounts, Clock clock) {
    if (maximumAccounts <= 0) {
      throw new IllegalArgumentException("maximumAccounts must be positive, was " + maximumAccounts);
    }
    return new Settings(seed, maximumAccounts, clock);
  }

  /**
   * The secret seed of every hash the detectors compute, so that outsiders cannot craft
   * collisions.
   */
  public long seed() {
    return seed;
  }

  /** How many accounts each detector tracks at most; colder ones are evicted. */
  public long maximumAccounts() {
    return maximumAccounts;
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "Settings{maximumAccounts=" + maximumAccounts + "}"; // the seed is a secret
  }
}
