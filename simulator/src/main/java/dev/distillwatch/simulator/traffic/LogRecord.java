package dev.distillwatch.simulator.traffic;

import dev.distillwatch.core.Exchange;
import java.util.Objects;

/**
 * One accepted line of a traffic log: where it was, the exchange it describes, and its
 * {@code label} as raw JSON text (for evaluation only; detectors never see it).
 *
 * @param lineNumber the 1-based line number in the input
 * @param exchange the exchange, with its timestamp set
 * @param label the {@code label} field as raw JSON text, or {@code null} when absent or JSON null
 */
public record LogRecord(long lineNumber, Exchange exchange, String label) {

  public LogRecord {
    Objects.requireNonNull(exchange, "exchange");
  }
}
