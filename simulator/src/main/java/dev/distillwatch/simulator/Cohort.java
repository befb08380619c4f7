package dev.distillwatch.simulator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A group of simulated accounts with one label: the benign population, one kind of hard
 * negative, or one campaign. Immutable configuration; {@link #actors} creates fresh generators.
 */
public interface Cohort {

  /** The label group, e.g. {@code "benign"}, {@code "classroom"}, {@code "hydra-cot"}. */
  String name();

  /** Whether its traffic is benign, a hard negative, or a campaign. */
  Label.Kind kind();

  /** Creates the actors that generate this cohort's traffic, with randomness from {@code random}. */
  List<Actor> actors(Environment env, SplittableRandom random);

  /** This cohort with its account counts multiplied by {@code factor}; the same by default. */
  default Cohort scaled(double factor) {
    return this;
  }

  /** The label of this cohort's exchanges. */
  default Label label() {
    return new Label(kind(), name());
  }

  /** Scales a count, keeping at least one. */
  static int scale(int count, double factor) {
    return Math.max(1, (int) Math.round(count * factor));
  }
}
