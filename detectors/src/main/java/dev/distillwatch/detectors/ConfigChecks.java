package dev.distillwatch.detectors;

/**
 * The argument check every detector config builder uses, so that a bad setting fails the same
 * way everywhere: an {@link IllegalArgumentException} naming the setting, the rule and the value.
 */
public final class ConfigChecks {
  private ConfigChecks() {}

  /**
   * Throws {@code IllegalArgumentException("<message>, was <value>")} unless {@code ok}.
   *
   * @param message the setting and its rule, e.g. {@code "minimumRequests must be at least 1"}
   */
  public static void require(boolean ok, String message, double value) {
    if (!ok) {
      throw new IllegalArgumentException(message + ", was " + value);
    }
  }
}
