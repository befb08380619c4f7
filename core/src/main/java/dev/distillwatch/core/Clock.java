package dev.distillwatch.core;

/**
 * The wall clock the pipeline reads when an exchange arrives without a timestamp. Detectors use
 * the exchange's own timestamp, so replaying a log is deterministic whatever the clock.
 */
@FunctionalInterface
public interface Clock {

  /** The current time in epoch milliseconds. */
  long millis();

  /** The system clock. */
  static Clock system() {
    return System::currentTimeMillis;
  }
}
