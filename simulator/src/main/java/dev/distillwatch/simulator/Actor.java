package dev.distillwatch.simulator;

/**
 * A source of simulated exchanges in timestamp order: one account, or one operator driving many
 * accounts (a campaign, a wrapper app). The {@link Simulator} merges all actors by
 * {@link #nextTime()}, so each actor holds only its own small state and no event is stored.
 */
public abstract class Actor {
  /** The timestamp of the next exchange, in epoch milliseconds; {@link Long#MAX_VALUE} when done. */
  protected long next = Long.MAX_VALUE;

  protected Actor() {}

  /** When this actor's next exchange arrives; {@link Long#MAX_VALUE} when it has no more. */
  public final long nextTime() {
    return next;
  }

  /**
   * Produces the exchange due at {@link #nextTime()} and schedules the following one by setting
   * {@link #next} to a time not before this one (or {@link Long#MAX_VALUE}).
   */
  public abstract LabelledExchange emit();
}
