package dev.distillwatch.simulator.evaluation;

import java.util.Arrays;

/**
 * The statistics of the evaluation, with their exact definitions.
 *
 * <ul>
 *   <li>{@link #rocAuc}: the probability that a random positive scores above a random negative,
 *       ties counting one half (the Mann-Whitney U statistic over n+ n-).
 *   <li>{@link #averagePrecision} (PR-AUC): the mean over positives of the precision at their
 *       score, all accounts with an equal score taken together: sum over distinct thresholds t,
 *       from the highest, of (recall(t) - recall(previous t)) * precision(t).
 *   <li>{@link #quantile}: nearest rank, the smallest value with at least a share q of the values
 *       at or below it.
 * </ul>
 */
public final class Metrics {
  private Metrics() {}

  /** ROC-AUC of {@code scores} with {@code positive} marking the positive class; NaN without both classes. */
  public static double rocAuc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = order(scores);
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1; // ranks ascending, 1-based
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSumPositive += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** PR-AUC as average precision, ties grouped; NaN without positives. */
  public static double averagePrecision(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = order(scores);
    long totalPositives = 0;
    for (boolean p : positive) {
      if (p) {
        totalPositives++;
      }
    }
    if (totalPositives == 0) {
      return Double.NaN;
    }
    double ap = 0;
    long tp = 0;
    int seen = 0;
    int i = n - 1;
    while (i >= 0) { // descending
      int j = i;
      while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
        j--;
      }
      long tpHere = 0;
      for (int k = j; k <= i; k++) {
        if (positive[order[k]]) {
          tpHere++;
        }
      }
      seen += i - j + 1;
      tp += tpHere;
      ap += (double) tpHere / totalPositives * ((double) tp / seen);
      i = j - 1;
    }
    return ap;
  }

  /** The nearest-rank {@code q} quantile of {@code values[0..n)} (sorted in place); NaN when n is 0. */
  public static double quantile(long[] values, int n, double q) {
    if (n == 0) {
      return Double.NaN;
    }
    Arrays.sort(values, 0, n);
    int rank = (int) Math.ceil(q * n);
    return values[Math.max(0, Math.min(n - 1, rank - 1))];
  }

  private static Integer[] order(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    return order;
  }
}
