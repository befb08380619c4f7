package dev.distillwatch.simulator.evaluation;

/**
 * One method's result on one cohort or campaign.
 *
 * @param group the label group
 * @param kind {@code benign}, {@code hard} or {@code campaign}
 * @param accounts accounts that sent at least one request
 * @param requests their requests
 * @param flagged accounts flagged at some point
 * @param flaggedShare {@code flagged / accounts}: recall for a campaign, false-positive rate otherwise
 * @param medianRequestsBeforeFlag the median, over flagged accounts, of their own requests before
 *     the one at which they were first flagged (nearest rank); NaN if none was flagged
 * @param p95RequestsBeforeFlag the 95th percentile of the same (nearest rank)
 * @param servedBeforeFirstFlag the share of the group's requests sent before any of its accounts
 *     was first flagged (1 if never)
 * @param servedUnflagged the share of the group's requests each account sent before it was itself
 *     flagged: what per-account blocking would have let through
 * @param linked accounts whose last verdict carried a campaign id
 * @param campaigns distinct campaign ids among the linked accounts' last verdicts
 * @param largestCampaignShare the share of the group's accounts in its most common campaign id (0
 *     if none was linked): near 1 when a campaign is found whole, near 0 for unrelated users
 */
public record CohortResult(String group, String kind, long accounts, long requests, long flagged, double flaggedShare,
    double medianRequestsBeforeFlag, double p95RequestsBeforeFlag, double servedBeforeFirstFlag,
    double servedUnflagged, long linked, long campaigns, double largestCampaignShare) {}
