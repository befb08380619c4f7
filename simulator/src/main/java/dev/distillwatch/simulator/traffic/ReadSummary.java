package dev.distillwatch.simulator.traffic;

/**
 * What reading a traffic log came to. Blank lines are not counted, so {@code read == accepted +
 * skipped}.
 *
 * @param read the non-blank lines read
 * @param accepted the lines that gave an exchange
 * @param skipped the bad lines
 */
public record ReadSummary(long read, long accepted, long skipped) {

  /** The summary line: {@code read N, accepted A, skipped S}. */
  @Override
  public String toString() {
    return "read " + read + ", accepted " + accepted + ", skipped " + skipped;
  }
}
