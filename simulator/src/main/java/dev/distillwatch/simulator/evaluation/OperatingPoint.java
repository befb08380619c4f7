package dev.distillwatch.simulator.evaluation;

/**
 * A method's operating point when an account counts as flagged once its score (the highest any
 * of its verdicts reached) is at least {@code threshold}.
 *
 * @param threshold the decision threshold on account scores; {@code +Infinity} when no threshold
 *     keeps within the limits it was chosen under, so nothing is flagged
 * @param recall flagged share of campaign accounts (NaN without campaign accounts)
 * @param benignFpr flagged share of benign-population accounts (NaN without any)
 * @param hardNegativeFpr flagged share of hard-negative accounts (NaN without any)
 * @param stoppedBy the cohort of an account at the highest score the threshold could not reach
 *     without exceeding a limit (a hard negative's when the hard-negative limit is exceeded, else a
 *     benign account's); null when the threshold reaches every account
 */
public record OperatingPoint(double threshold, double recall, double benignFpr, double hardNegativeFpr,
    String stoppedBy) {}
