package dev.distillwatch.simulator;

import java.util.Locale;
import java.util.Objects;

/**
 * The ground truth of one simulated exchange: what kind of traffic it is and which cohort or
 * campaign produced it. Written to the traffic log's {@code label} field; detectors never read it.
 *
 * @param kind benign user, hard negative (benign but unusual), or extraction campaign
 * @param group the cohort or campaign name, e.g. {@code "benign"}, {@code "classroom"},
 *     {@code "hydra-cot"}
 */
public record Label(Kind kind, String group) {

  /** The three kinds of traffic the evaluation tells apart. */
  public enum Kind {
    /** Ordinary users of the API. */
    BENIGN,
    /** Legitimate traffic that looks like extraction in some respect; must not be flagged. */
    HARD,
    /** A distillation campaign; should be flagged. */
    CAMPAIGN;

    /** The lower-case name used in the traffic log. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name ({@code "benign"}, {@code "hard"}, {@code "campaign"}). */
    public static Kind parse(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  public Label {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(group, "group");
  }

  /** Whether this exchange belongs to an extraction campaign (the positive class). */
  public boolean isCampaign() {
    return kind == Kind.CAMPAIGN;
  }
}
