package dev.distillwatch.simulator.evaluation;

import dev.distillwatch.simulator.Label;
import java.util.Arrays;

/**
 * Re-thresholds a method's account scores so that it flags no more benign users and no more
 * hard negatives than a reference method did: "recall at equal or lower false-positive rate".
 *
 * <p>Definition: an account is flagged at threshold t when its score is at least t; accounts with
 * equal scores are therefore flagged together, never split. Among the thresholds at which the
 * method flags at most {@code maxBenign} benign accounts and at most {@code maxHard} hard-negative
 * accounts, the lowest is taken (flagged counts only grow as t falls, so that is the one with the
 * highest recall); when even the highest score exceeds a limit, the threshold is +Infinity and
 * nothing is flagged. Because a pipeline's flag decision is exactly "score at least the FLAG
 * threshold", the point is what the method would have scored in the same run with that FLAG
 * threshold. The threshold is chosen on the evaluated traffic with its labels: an in-sample,
 * best-case figure for the method re-thresholded.
 */
public final class MatchedFpr {
  private MatchedFpr() {}

  /**
   * The operating point of {@code scores} (one per account, labelled {@code labels[i]}) at the
   * lowest threshold that flags at most {@code maxBenign} benign and {@code maxHard} hard-negative
   * accounts.
   */
  public static OperatingPoint select(double[] scores, Label[] labels, long maxBenign, long maxHard) {
    int n = scores.length;
    if (labels.length != n) {
      throw new IllegalArgumentException("scores and labels differ in length: " + n + " and " + labels.length);
    }
    long[] total = new long[Label.Kind.values().length];
    for (Label l : labels) {
      total[l.kind().ordinal()]++;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a])); // descending
    long[] flagged = new long[total.length];
    long[] group = new long[total.length];
    double threshold = Double.POSITIVE_INFINITY;
    String stoppedBy = null;
    int i = 0;
    while (i < n) {
      double t = scores[order[i]];
      Arrays.fill(group, 0);
      int j = i;
      while (j < n && Double.compare(scores[order[j]], t) == 0) {
        group[labels[order[j]].kind().ordinal()]++;
        j++;
      }
      boolean benignOver = flagged[Label.Kind.BENIGN.ordinal()] + group[Label.Kind.BENIGN.ordinal()] > maxBenign;
      boolean hardOver = flagged[Label.Kind.HARD.ordinal()] + group[Label.Kind.HARD.ordinal()] > maxHard;
      if (benignOver || hardOver) {
        stoppedBy = firstGroup(labels, order, i, j, hardOver ? Label.Kind.HARD : Label.Kind.BENIGN);
        break;
      }
      for (int k = 0; k < flagged.length; k++) {
        flagged[k] += group[k];
      }
      threshold = t;
      i = j;
    }
    return new OperatingPoint(threshold, share(flagged, total, Label.Kind.CAMPAIGN),
        share(flagged, total, Label.Kind.BENIGN), share(flagged, total, Label.Kind.HARD), stoppedBy);
  }

  /** The group of the first account of {@code kind} in {@code order[from..to)}. */
  private static String firstGroup(Label[] labels, Integer[] order, int from, int to, Label.Kind kind) {
    for (int k = from; k < to; k++) {
      if (labels[order[k]].kind() == kind) {
        return labels[order[k]].group();
      }
    }
    throw new IllegalStateException("no account of kind " + kind + " in the tie group");
  }

  private static double share(long[] flagged, long[] total, Label.Kind kind) {
    long whole = total[kind.ordinal()];
    return whole == 0 ? Double.NaN : (double) flagged[kind.ordinal()] / whole;
  }
}
