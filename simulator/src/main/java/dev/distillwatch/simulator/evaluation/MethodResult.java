package dev.distillwatch.simulator.evaluation;

import java.util.List;

/**
 * One method's result on one scenario. Accounts are scored by the highest score any of their
 * verdicts reached; campaign accounts are the positives.
 *
 * @param method the method's name
 * @param benignFpr flagged share of benign-population accounts
 * @param hardNegativeFpr flagged share of hard-negative accounts
 * @param recall flagged share of campaign accounts
 * @param rocAuc ROC-AUC of account scores, campaign against all others
 * @param prAuc PR-AUC (average precision) of the same
 * @param campaignMedianRequestsBeforeFlag over every flagged campaign account, the median of its
 *     own requests before the one at which it was first flagged (nearest rank); NaN if none
 * @param campaignP95RequestsBeforeFlag the 95th percentile of the same
 * @param exchangesPerSecond exchanges per second of this method's {@code inspect} alone
 * @param failures detector failures the pipeline isolated
 * @param cohorts per cohort and campaign, in name order
 * @param atReferenceFpr this method re-thresholded to flag no more benign and hard-negative
 *     accounts than DistillWatch's default pipeline did in the same run ({@link MatchedFpr});
 *     null when that pipeline was not run
 */
public record MethodResult(String method, double benignFpr, double hardNegativeFpr, double recall, double rocAuc,
    double prAuc, double campaignMedianRequestsBeforeFlag, double campaignP95RequestsBeforeFlag,
    double exchangesPerSecond, long failures, List<CohortResult> cohorts, OperatingPoint atReferenceFpr) {}
