package dev.distillwatch.core;

/** How strongly a verdict suggests action, in increasing order. The host decides what to do. */
public enum Level {
  /** Nothing worth attention. */
  ALLOW,
  /** Worth watching: log it, sample it for review. */
  WATCH,
  /** Evidence of extraction: review the account, throttle, challenge. */
  FLAG,
  /** Strong evidence: block if policy allows. */
  BLOCK;

  /** Whether this level is {@code other} or above. */
  public boolean atLeast(Level other) {
    return compareTo(other) >= 0;
  }
}
