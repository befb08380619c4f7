package dev.distillwatch.simulator.traffic;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Signal;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Replay} concluded about one account: one line of the replay's output.
 *
 * @param account the account
 * @param flagged whether it reached {@link dev.distillwatch.core.Level#FLAG} at any point
 * @param score its highest fused score during the replay
 * @param requests how many exchanges it sent
 * @param firstFlaggedTimestamp epoch milliseconds of the exchange at which it was first flagged,
 *     or {@link Exchange#UNSET_TIMESTAMP} if never
 * @param firstFlaggedRequest the 1-based index of that exchange among the account's own, or 0 if
 *     never flagged
 * @param campaign the last campaign a verdict assigned it to, or {@code null}
 * @param signals the signals of the (latest) verdict at which its score was highest, strongest
 *     first
 * @param firstTimestamp the earliest timestamp among its exchanges
 * @param lastTimestamp the latest timestamp among its exchanges
 */
public record AccountSummary(
    String account,
    boolean flagged,
    double score,
    long requests,
    long firstFlaggedTimestamp,
    long firstFlaggedRequest,
    String campaign,
    List<Signal> signals,
    long firstTimestamp,
    long lastTimestamp) {

  public AccountSummary {
    Objects.requireNonNull(account, "account");
    signals = List.copyOf(signals);
  }
}
