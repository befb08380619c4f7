package dev.distillwatch.simulator.traffic;

import java.util.Objects;

/**
 * A line of a traffic log that was skipped, and why.
 *
 * @param lineNumber the 1-based line number in the input
 * @param reason what is wrong with it, naming the field where there is one (never the raw text
 *     of a prompt; quoted values are short and escaped)
 */
public record BadLine(long lineNumber, String reason) {

  public BadLine {
    Objects.requireNonNull(reason, "reason");
  }

  /** The report line: {@code line 17: skipped: <reason>}. */
  @Override
  public String toString() {
    return "line " + lineNumber + ": skipped: " + reason;
  }
}
