package dev.distillwatch.core;

/** What a verdict says when a detector failed on the exchange. */
public enum FailureMode {
  /** Fuse the detectors that worked and mark the verdict partial (the default). */
  OPEN,
  /** Mark the verdict partial and raise it to {@link Level#BLOCK}. */
  CLOSED
}
