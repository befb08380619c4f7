package dev.distillwatch.detectors.domain;

import java.util.Locale;

/**
 * The capability domain of a request: what kind of work it asks the model to do.
 *
 * <p>The first seven are learned by the {@link DomainModel} from labelled prompt sets;
 * {@link #OTHER} is never learned: it is what the classifier says when no learned domain is
 * confident enough (knowledge questions, extraction, humanities, small talk about nothing in
 * particular).
 */
public enum Domain {
  CODING,
  MATH,
  REASONING,
  AGENTIC,
  SECURITY,
  WRITING,
  CHAT,
  OTHER;

  private static final Domain[] VALUES = values();

  /** How many domains there are, {@link #OTHER} included. */
  public static final int COUNT = VALUES.length;

  /** How many domains the model learns (all but {@link #OTHER}). */
  public static final int LEARNED = COUNT - 1;

  /** The domain with the given ordinal. */
  public static Domain of(int ordinal) {
    return VALUES[ordinal];
  }

  /**
   * Parses a lower-case wire name as used in the prompt data sets. {@code advice} reads as
   * {@link #CHAT} (personal advice is conversation); {@code other} as {@link #OTHER}.
   *
   * @return the domain, or {@code null} for {@code unknown} or any unlabelled name
   */
  public static Domain parseLabel(String label) {
    switch (label.toLowerCase(Locale.ROOT)) {
      case "coding":
        return CODING;
      case "math":
        return MATH;
      case "reasoning":
        return REASONING;
      case "agentic":
        return AGENTIC;
      case "security":
        return SECURITY;
      case "writing":
        return WRITING;
      case "chat":
      case "advice":
        return CHAT;
      case "other":
        return OTHER;
      default:
        return null;
    }
  }

  /** The lower-case name used in evidence and data files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
