package dev.distillwatch.core;

/**
 * A plug-in that looks at each exchange and says how much it suggests extraction.
 *
 * <p>A detector keeps whatever per-account or global state it needs, in memory bounded by its
 * configuration, and never retains raw prompt text. It must be safe for concurrent calls from
 * several threads and must not block on I/O. If it throws, the pipeline isolates it: the
 * exception is counted and the verdict is marked partial, so a detector bug never reaches the
 * host.
 */
public interface Detector {

  /** A short, stable, lower-case name, unique within a pipeline (e.g. {@code "volume"}). */
  String name();

  /**
   * Inspects one exchange, updates this detector's state, and returns its signal about the
   * exchange's account; {@link Signal#none(String)} when it has nothing to say.
   */
  Signal inspect(Exchange exchange);
}
