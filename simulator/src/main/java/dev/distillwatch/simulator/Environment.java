package dev.distillwatch.simulator;

import java.util.SplittableRandom;

/**
 * What every actor of a run shares: the prompts, the simulated time window, and the model
 * catalogue with its release timeline. Immutable.
 */
public final class Environment {
  /** The established large model. */
  public static final String MODEL_LARGE = "atlas-large";
  /** The established small model. */
  public static final String MODEL_SMALL = "atlas-mini";
  /** The model released during the run, if the scenario has a release. */
  public static final String MODEL_NEW = "atlas-large-2";

  private static final long WEEK = 7L * 24 * 3600 * 1000;

  private final PromptLibrary prompts;
  private final long start;
  private final long end;
  private final long release;

  /**
   * An environment.
   *
   * @param start the first instant, epoch milliseconds
   * @param end the instant after the last exchange
   * @param release when {@link #MODEL_NEW} is released, or {@link Long#MAX_VALUE} for never
   */
  public Environment(PromptLibrary prompts, long start, long end, long release) {
    this.prompts = prompts;
    this.start = start;
    this.end = end;
    this.release = release;
  }

  public PromptLibrary prompts() {
    return prompts;
  }

  /** The first instant of the run, epoch milliseconds. */
  public long start() {
    return start;
  }

  /** The instant after the last exchange of the run. */
  public long end() {
    return end;
  }

  /** When the new model is released, or {@link Long#MAX_VALUE}. */
  public long release() {
    return release;
  }

  /**
   * The model an ordinary user asks for at {@code time}: 65% large, 35% small; after a release,
   * users move to the new model gradually, half of the large model's users within a week.
   */
  public String benignModel(long time, SplittableRandom random) {
    double u = random.nextDouble();
    if (time >= release) {
      double adoption = 0.5 * Math.min(1.0, (double) (time - release) / WEEK);
      if (u < 0.65 * adoption) {
        return MODEL_NEW;
      }
    }
    return u < 0.65 ? MODEL_LARGE : MODEL_SMALL;
  }
}
