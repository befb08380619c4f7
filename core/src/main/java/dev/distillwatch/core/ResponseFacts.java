package dev.distillwatch.core;

import java.util.Objects;

/**
 * What the gateway knows of the answer to a request, where it logs it. Counts are {@code -1}
 * when unknown.
 */
public final class ResponseFacts {
  private final long outputTokens;
  private final long inputTokens;
  private final String finishReason;
  private final long latencyMillis;

  private ResponseFacts(long outputTokens, long inputTokens, String finishReason, long latencyMillis) {
    this.outputTokens = outputTokens;
    this.inputTokens = inputTokens;
    this.finishReason = finishReason;
    this.latencyMillis = latencyMillis;
  }

  /**
   * Response facts; pass {@code -1} for an unknown count and {@code null} for an unknown finish
   * reason.
   */
  public static ResponseFacts of(long outputTokens, long inputTokens, String finishReason, long latencyMillis) {
    return new ResponseFacts(
        Math.max(-1, outputTokens), Math.max(-1, inputTokens), finishReason, Math.max(-1, latencyMillis));
  }

  public long outputTokens() {
    return outputTokens;
  }

  public long inputTokens() {
    return inputTokens;
  }

  /** The finish reason ({@code "stop"}, {@code "length"}, ...) or {@code null}. */
  public String finishReason() {
    return finishReason;
  }

  public long latencyMillis() {
    return latencyMillis;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ResponseFacts)) {
      return false;
    }
    ResponseFacts r = (ResponseFacts) o;
    return outputTokens == r.outputTokens && inputTokens == r.inputTokens
        && latencyMillis == r.latencyMillis && Objects.equals(finishReason, r.finishReason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(outputTokens, inputTokens, finishReason, latencyMillis);
  }

  @Override
  public String toString() {
    return "ResponseFacts{out=" + outputTokens + ", in=" + inputTokens + ", finish=" + finishReason
        + ", latency=" + latencyMillis + "ms}";
  }
}
