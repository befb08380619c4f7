package dev.distillwatch.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The pipeline's answer for one exchange: the fused score, the level it reaches, the coordinated
 * campaign the account belongs to if any, and the signals that mattered, strongest first.
 *
 * <p>A verdict is {@linkplain #partial() partial} when one or more detectors failed on the
 * exchange; {@link #failedDetectors()} names them.
 */
public final class Verdict {
  private final double score;
  private final Level level;
  private final String campaign;
  private final List<Signal> signals;
  private final List<String> failedDetectors;

  Verdict(double score, Level level, String campaign, List<Signal> signals, List<String> failedDetectors) {
    this.score = score;
    this.level = Objects.requireNonNull(level, "level");
    this.campaign = campaign;
    this.signals = List.copyOf(signals);
    this.failedDetectors = List.copyOf(failedDetectors);
  }

  /** The fused score in [0, 1]. */
  public double score() {
    return score;
  }

  public Level level() {
    return level;
  }

  /** The id of the coordinated campaign the account was linked to, if any. */
  public Optional<String> campaign() {
    return Optional.ofNullable(campaign);
  }

  /** The signals with a non-zero score, strongest contribution first. */
  public List<Signal> signals() {
    return signals;
  }

  /** Whether a detector failed on this exchange, so the verdict rests on the others. */
  public boolean partial() {
    return !failedDetectors.isEmpty();
  }

  /** The names of the detectors that failed on this exchange. */
  public List<String> failedDetectors() {
    return failedDetectors;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Verdict)) {
      return false;
    }
    Verdict v = (Verdict) o;
    return Double.compare(score, v.score) == 0 && level == v.level && Objects.equals(campaign, v.campaign)
        && signals.equals(v.signals) && failedDetectors.equals(v.failedDetectors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(score, level, campaign, signals, failedDetectors);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Verdict{%s %.3f%s%s, %s}", level, score,
        campaign == null ? "" : " campaign=" + campaign,
        failedDetectors.isEmpty() ? "" : " partial" + failedDetectors, signals);
  }
}
