package dev.distillwatch.core;

import java.util.Objects;

/**
 * One detector's finding on one exchange: a score in [0, 1] — its belief, from its own evidence
 * alone, that the account is extracting — and a short evidence string a reviewer can check. The
 * evidence quotes counts and shares, never raw prompt text.
 */
public final class Signal {
  private final String detector;
  private final double score;
  private final String evidence;
  private final String campaign;

  private Signal(String detector, double score, String evidence, String campaign) {
    this.detector = Objects.requireNonNull(detector, "detector");
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException(
          "signal score of detector '" + detector + "' must be in [0, 1], was " + score);
    }
    this.score = score;
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.campaign = campaign;
  }

  /**
   * A signal.
   *
   * @throws IllegalArgumentException if {@code score} is not in [0, 1] (NaN included)
   */
  public static Signal of(String detector, double score, String evidence) {
    return new Signal(detector, score, evidence, null);
  }

  /** A signal that says nothing: score 0, no evidence. */
  public static Signal none(String detector) {
    return new Signal(detector, 0.0, "", null);
  }

  /** This signal, attributed to the coordinated campaign with the given id. */
  public Signal withCampaign(String campaignId) {
    return new Signal(detector, score, evidence, Objects.requireNonNull(campaignId, "campaignId"));
  }

  /** The name of the detector that raised it. */
  public String detector() {
    return detector;
  }

  public double score() {
    return score;
  }

  /** Human-readable evidence: counts, shares, thresholds; empty for {@link #none}. */
  public String evidence() {
    return evidence;
  }

  /** The campaign the detector attributes the account to, or {@code null}. */
  public String campaign() {
    return campaign;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Signal)) {
      return false;
    }
    Signal s = (Signal) o;
    return detector.equals(s.detector) && Double.compare(score, s.score) == 0
        && evidence.equals(s.evidence) && Objects.equals(campaign, s.campaign);
  }

  @Override
  public int hashCode() {
    return Objects.hash(detector, score, evidence, campaign);
  }

  @Override
  public String toString() {
    return detector + "=" + String.format(java.util.Locale.ROOT, "%.3f", score)
        + (evidence.isEmpty() ? "" : " (" + evidence + ")")
        + (campaign == null ? "" : " [" + campaign + "]");
  }
}
