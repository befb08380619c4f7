package dev.distillwatch.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.ResponseFacts;
import dev.distillwatch.core.Role;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.PromptLibrary;
import dev.distillwatch.simulator.Requests;
import dev.distillwatch.simulator.Scenarios;
import dev.distillwatch.simulator.Simulator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficLogWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String write(List<LabelledExchange> exchanges) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TrafficLogWriter w = new TrafficLogWriter(out)) {
      exchanges.forEach(w::write);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesASingleUserMessageAsPromptWithExactBytes() {
    Exchange e = Exchange.builder().account("acct_1").timestamp(1_775_433_601_000L).prompt("2 + 2 = ?")
        .model("atlas-large").parameters(Requests.params("temperature", 0.0, "max_tokens", 16))
        .ip("203.0.113.7").userAgent("curl/8.5.0").payment("pm_1").attribute("country", "GB")
        .response(ResponseFacts.of(5, 3, "stop", 120)).build();
    String line = write(List.of(new LabelledExchange(e, new Label(Label.Kind.HARD, "classroom"))));
    assertThat(line).isEqualTo("{\"ts\":\"2026-04-06T00:00:01.000Z\",\"account\":\"acct_1\",\"prompt\":\"2 + 2 = ?\","
        + "\"model\":\"atlas-large\",\"params\":{\"temperature\":0.0,\"max_tokens\":16},\"ip\":\"203.0.113.7\","
        + "\"user_agent\":\"curl/8.5.0\",\"payment\":\"pm_1\",\"attrs\":{\"country\":\"GB\"},"
        + "\"response\":{\"output_tokens\":5,\"input_tokens\":3,\"finish_reason\":\"stop\",\"latency_ms\":120},"
        + "\"label\":{\"kind\":\"hard\",\"group\":\"classroom\"}}\n");
  }

  @Test
  void writesConversationsAsMessagesAndEscapesAnyText() throws Exception {
    String odd = "line\nbreak \"quoted\" \u0001 tab\t é 日本 😀";
    Exchange e = Exchange.builder().account("a").timestamp(0).system("top").message(Role.SYSTEM, "sys")
        .message(Role.USER, odd).message(Role.ASSISTANT, "ok").message(Role.TOOL, "{}").build();
    String line = write(List.of(new LabelledExchange(e, new Label(Label.Kind.CAMPAIGN, "x"))));
    JsonNode n = JSON.readTree(line);
    assertThat(n.get("ts").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(n.has("prompt")).isFalse();
    assertThat(n.get("system").asText()).isEqualTo("top");
    assertThat(n.get("messages")).hasSize(4);
    assertThat(n.get("messages").get(1).get("role").asText()).isEqualTo("user");
    assertThat(n.get("messages").get(1).get("content").asText()).isEqualTo(odd);
    assertThat(n.get("messages").get(3).get("role").asText()).isEqualTo("tool");
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
  }

  @Test
  void rejectsAnExchangeWithoutTimestamp() {
    Exchange e = Exchange.builder().account("a").prompt("x").build();
    TrafficLogWriter w = new TrafficLogWriter(new ByteArrayOutputStream());
    assertThatThrownBy(() -> w.write(e, null)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Every line the simulator writes conforms to the traffic-log spec, version 1. */
  @Test
  void simulatedLinesConformToTheSpec() throws Exception {
    Iterator<LabelledExchange> it = Simulator.stream(Scenarios.demo(), PromptLibrary.fromSystemPropertyOrBundled());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long written = 0;
    try (TrafficLogWriter w = new TrafficLogWriter(out)) {
      while (it.hasNext() && written < 5_000) {
        w.write(it.next());
        written++;
      }
    }
    Set<String> roles = Set.of("system", "user", "assistant", "tool");
    Set<String> known = Set.of("ts", "account", "prompt", "messages", "system", "model", "params", "org", "ip",
        "user_agent", "payment", "attrs", "response", "label");
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(5_000);
    String previous = "";
    for (String line : lines) {
      JsonNode n = JSON.readTree(line);
      n.fieldNames().forEachRemaining(f -> assertThat(known).contains(f));
      String ts = n.get("ts").asText();
      OffsetDateTime.parse(ts);
      assertThat(ts).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z").isGreaterThanOrEqualTo(previous);
      previous = ts;
      assertThat(n.get("account").isTextual()).isTrue();
      assertThat(n.has("prompt") ^ n.has("messages")).as(line).isTrue();
      if (n.has("prompt")) {
        assertThat(n.get("prompt").isTextual()).isTrue();
      } else {
        for (JsonNode m : n.get("messages")) {
          assertThat(roles).contains(m.get("role").asText());
          assertThat(m.get("content").isTextual()).isTrue();
        }
      }
      if (n.has("params")) {
        assertThat(n.get("params").isObject()).isTrue();
      }
      n.path("attrs").fields().forEachRemaining(a -> assertThat(a.getValue().isTextual()).isTrue());
      assertThat(Set.of("benign", "hard", "campaign")).contains(n.get("label").get("kind").asText());
      assertThat(n.get("label").get("group").asText()).isNotEmpty();
    }
  }
}
