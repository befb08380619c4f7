package dev.distillwatch.simulator.traffic;

import java.util.Objects;

/**
 * Thrown by a {@linkplain TrafficLogReader.Builder#strict(boolean) strict} reader at the first bad
 * line of a traffic log.
 */
public final class BadLineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient BadLine badLine;
  private final transient ReadSummary summary;

  BadLineException(BadLine badLine, ReadSummary summary) {
    super("line " + badLine.lineNumber() + ": " + badLine.reason());
    this.badLine = Objects.requireNonNull(badLine, "badLine");
    this.summary = Objects.requireNonNull(summary, "summary");
  }

  /** The line that stopped the read. */
  public BadLine badLine() {
    return badLine;
  }

  /** What was read up to and including the bad line. */
  public ReadSummary summary() {
    return summary;
  }
}
