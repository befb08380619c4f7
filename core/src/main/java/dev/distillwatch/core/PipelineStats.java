package dev.distillwatch.core;

import java.util.Map;

/**
 * Counters of a pipeline since it was built: exchanges inspected, verdicts that were partial,
 * and failures per detector. A snapshot: later calls see later counts.
 */
public final class PipelineStats {
  private final long inspected;
  private final long partial;
  private final Map<String, Long> failures;

  PipelineStats(long inspected, long partial, Map<String, Long> failures) {
    this.inspected = inspected;
    this.partial = partial;
    this.failures = Map.copyOf(failures);
  }

  /** How many exchanges {@code inspect} was called with. */
  public long inspected() {
    return inspected;
  }

  /** How many verdicts were partial because a detector failed. */
  public long partial() {
    return partial;
  }

  /**
   * Failures by detector name, for every detector of the pipeline (0 for those that never
   * failed), and under {@code "pipeline"} failures outside any detector, such as a null exchange.
   */
  public Map<String, Long> failures() {
    return failures;
  }

  @Override
  public String toString() {
    return "PipelineStats{inspected=" + inspected + ", partial=" + partial + ", failures=" + failures + "}";
  }
}
