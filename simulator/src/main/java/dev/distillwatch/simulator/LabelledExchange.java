package dev.distillwatch.simulator;

import dev.distillwatch.core.Exchange;
import java.util.Objects;

/**
 * One simulated exchange with its ground truth.
 *
 * @param exchange the request as the gateway sees it
 * @param label what produced it
 */
public record LabelledExchange(Exchange exchange, Label label) {

  public LabelledExchange {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(label, "label");
  }
}
