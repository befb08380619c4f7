package dev.distillwatch.simulator.traffic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A coordinated campaign as a {@link Replay} saw it: the accounts its verdicts assigned to one
 * campaign id, with their combined volume, time span and evidence. One line of the replay's
 * {@code --campaigns} output.
 *
 * @param campaign the campaign id
 * @param accounts its accounts, sorted
 * @param requests the exchanges its accounts sent
 * @param firstTimestamp the earliest exchange of its accounts, epoch milliseconds
 * @param lastTimestamp the latest exchange of its accounts, epoch milliseconds
 * @param score the highest score among its accounts
 * @param domains the share of its requests per capability domain, largest first; empty when the
 *     replay did not count domains
 * @param evidence what linked the accounts, strongest first
 */
public record CampaignSummary(
    String campaign,
    List<String> accounts,
    long requests,
    long firstTimestamp,
    long lastTimestamp,
    double score,
    Map<String, Double> domains,
    List<String> evidence) {

  public CampaignSummary {
    Objects.requireNonNull(campaign, "campaign");
    accounts = List.copyOf(accounts);
    domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains)); // keeps the order given
    evidence = List.copyOf(evidence);
  }
}
