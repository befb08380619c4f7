package dev.distillwatch.simulator.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.traffic.BadLine;
import dev.distillwatch.simulator.traffic.ReadSummary;
import dev.distillwatch.simulator.traffic.TrafficLogReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A labelled traffic log read as evaluation input: each line's {@code label}
 * ({@code {"kind": "benign"|"hard"|"campaign", "group": name}}) becomes its {@link Label}. A line
 * without a usable label counts as benign, in the group {@value #UNLABELLED}.
 */
public final class LabelledLog {
  /** The group of lines without a usable label. */
  public static final String UNLABELLED = "unlabelled";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelledLog() {}

  /** The label of a line from its raw JSON {@code label} text (null when absent). */
  public static Label label(String raw) {
    if (raw == null) {
      return new Label(Label.Kind.BENIGN, UNLABELLED);
    }
    try {
      JsonNode n = JSON.readTree(raw);
      Label.Kind kind = Label.Kind.parse(n.path("kind").asText(""));
      String group = n.path("group").asText("");
      return new Label(kind, group.isEmpty() ? kind.wireName() : group);
    } catch (IOException | IllegalArgumentException e) {
      return new Label(Label.Kind.BENIGN, UNLABELLED);
    }
  }

  /**
   * A source for {@link Evaluation#run(String, java.util.List, Consumer)} that streams the log at
   * {@code file} with the project's tolerant reader, passing bad lines to {@code badLines}.
   */
  public static Consumer<Consumer<LabelledExchange>> source(Path file, Consumer<BadLine> badLines,
      Consumer<ReadSummary> summary) {
    return sink -> {
      try {
        ReadSummary s = TrafficLogReader.builder().build().read(file,
            r -> sink.accept(new LabelledExchange(r.exchange(), label(r.label()))), badLines);
        summary.accept(s);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
