package dev.distillwatch.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.ResponseFacts;
import dev.distillwatch.core.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the simulator's {@link TrafficLogWriter} writes, the {@link TrafficLogReader} reads back. */
class TrafficLogRoundTripTest {

  @Test
  void writerOutputReadsBackToTheSameExchanges() throws IOException {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("temperature", 0.0);
    params.put("max_tokens", 1);
    params.put("logit_bias", Map.of("50256", -100));
    params.put("stop", List.of("###", "\n\n"));
    List<Exchange> written = List.of(
        Exchange.builder().account("a-1").timestamp(1_776_844_801_123L).prompt("Solve 17 * 23.\n\u0000\ud800").build(),
        Exchange.builder().account("b \u00e9\ud83d\ude00").timestamp(1_776_844_802_000L)
            .system("You are terse.")
            .message(Role.SYSTEM, "sys")
            .message(Role.USER, "hi")
            .message(Role.ASSISTANT, "hello")
            .message(Role.TOOL, "{\"x\":1}")
            .model("big-1").parameters(Parameters.of(params)).org("o").ip("2001:db8::1")
            .userAgent("curl/8").payment("pm-1").attribute("ja3", "abc").attribute("asn", "AS1")
            .response(ResponseFacts.of(1, 30, "length", 12))
            .build());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TrafficLogWriter writer = new TrafficLogWriter(bytes)) {
      for (Exchange e : written) {
        writer.write(e, null);
      }
    }
    List<LogRecord> read = new ArrayList<>();
    List<BadLine> bad = new ArrayList<>();
    ReadSummary summary = TrafficLogReader.builder().build()
        .read(new ByteArrayInputStream(bytes.toByteArray()), read::add, bad::add);
    assertThat(bad).isEmpty();
    assertThat(summary).isEqualTo(new ReadSummary(2, 2, 0));
    for (int i = 0; i < written.size(); i++) {
      Exchange w = written.get(i);
      Exchange r = read.get(i).exchange();
      assertThat(r.account()).isEqualTo(w.account());
      assertThat(r.timestamp()).isEqualTo(w.timestamp());
      assertThat(r.messages()).isEqualTo(w.messages());
      assertThat(r.system()).isEqualTo(w.system());
      assertThat(r.model()).isEqualTo(w.model());
      assertThat(r.parameters().raw()).isEqualTo(w.parameters().raw());
      assertThat(r.org()).isEqualTo(w.org());
      assertThat(r.ip()).isEqualTo(w.ip());
      assertThat(r.userAgent()).isEqualTo(w.userAgent());
      assertThat(r.payment()).isEqualTo(w.payment());
      assertThat(r.attributes()).isEqualTo(w.attributes());
      assertThat(r.response()).isEqualTo(w.response());
      assertThat(read.get(i).label()).isNull();
    }
    assertThat(read.get(0).exchange().messages()).containsExactly(Message.of(Role.USER, "Solve 17 * 23.\n\u0000\ud800"));
  }
}
