package dev.distillwatch.simulator.traffic;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reports bad lines of a traffic log the way the command line does: the first few as
 * {@code line 17: skipped: <reason>}, then only a count, and at the end the summary
 * {@code read N, accepted A, skipped S}.
 */
public final class BadLineReporter implements Consumer<BadLine> {
  /** How many bad lines are shown by default before only counting. */
  public static final int DEFAULT_SHOWN = 20;

  private final PrintWriter err;
  private final int shown;
  private long seen;

  /** A reporter that shows the first {@code shown} bad lines on {@code err}. */
  public BadLineReporter(PrintWriter err, int shown) {
    this.err = Objects.requireNonNull(err, "err");
    if (shown < 0) {
      throw new IllegalArgumentException("shown must not be negative, was " + shown);
    }
    this.shown = shown;
  }

  @Override
  public void accept(BadLine bad) {
    seen++;
    if (seen <= shown) {
      err.println(bad);
      err.flush();
    }
  }

  /** How many bad lines were reported so far. */
  public long seen() {
    return seen;
  }

  /** Prints how many bad lines were not shown, if any, then the summary line. */
  public void finish(ReadSummary summary) {
    if (seen > shown) {
      long hidden = seen - shown;
      err.println("... and " + hidden + " more bad line" + (hidden == 1 ? "" : "s") + " not shown");
    }
    err.println(summary);
    err.flush();
  }
}
