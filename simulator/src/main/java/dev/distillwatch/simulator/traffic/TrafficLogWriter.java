package dev.distillwatch.simulator.traffic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.ResponseFacts;
import dev.distillwatch.core.Role;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes exchanges as a traffic log, version 1 ({@code docs/traffic-log.md}): one JSON object per
 * line, UTF-8, streamed through Jackson so that a log of any length is written in constant memory.
 *
 * <p>The writer is exact: {@code ts} is RFC 3339 UTC with milliseconds; a conversation of one user
 * message is written as {@code prompt}, any other as {@code messages} of {@code {role, content}};
 * optional fields are written only when set, in the order of the spec, and maps keep their
 * insertion order, so the same exchanges always give the same bytes. {@code label} is written
 * when given, as {@code {"kind": "benign"|"hard"|"campaign", "group": name}}.
 *
 * <p>Not thread-safe. Closing the writer closes the stream.
 */
public final class TrafficLogWriter implements Closeable, Flushable {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final JsonGenerator json;
  private long lines;

  /** A writer to {@code out}. */
  public TrafficLogWriter(OutputStream out) {
    try {
      this.json = MAPPER.getFactory().createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    json.setRootValueSeparator(null);
  }

  /** Writes one labelled exchange as a line. */
  public void write(LabelledExchange labelled) {
    write(labelled.exchange(), labelled.label());
  }

  /**
   * Writes one exchange as a line, with its label if not {@code null}.
   *
   * @throws IllegalArgumentException if the exchange has no timestamp
   * @throws UncheckedIOException if the stream fails
   */
  public void write(Exchange e, Label label) {
    if (e.timestamp() == Exchange.UNSET_TIMESTAMP) {
      throw new IllegalArgumentException("a traffic log line needs a timestamp: " + e);
    }
    try {
      json.writeStartObject();
      json.writeStringField("ts", TS.format(Instant.ofEpochMilli(e.timestamp())));
      json.writeStringField("account", e.account());
      List<Message> messages = e.messages();
      if (messages.size() == 1 && messages.get(0).role() == Role.USER && messages.get(0).opaqueBlockTypes().isEmpty()) {
        json.writeStringField("prompt", messages.get(0).text());
      } else {
        json.writeArrayFieldStart("messages");
        for (Message m : messages) {
          json.writeStartObject();
          json.writeStringField("role", m.role().wireName());
          json.writeStringField("content", m.text());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      optional("system", e.system());
      optional("model", e.model());
      Map<String, Object> params = e.parameters().raw();
      if (!params.isEmpty()) {
        json.writeFieldName("params");
        MAPPER.writeValue(json, params);
      }
      optional("org", e.org());
      optional("ip", e.ip());
      optional("user_agent", e.userAgent());
      optional("payment", e.payment());
      if (!e.attributes().isEmpty()) {
        json.writeObjectFieldStart("attrs");
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
          json.writeStringField(a.getKey(), a.getValue());
        }
        json.writeEndObject();
      }
      ResponseFacts r = e.response();
      if (r != null) {
        json.writeObjectFieldStart("response");
        if (r.outputTokens() >= 0) {
          json.writeNumberField("output_tokens", r.outputTokens());
        }
        if (r.inputTokens() >= 0) {
          json.writeNumberField("input_tokens", r.inputTokens());
        }
        optional("finish_reason", r.finishReason());
        if (r.latencyMillis() >= 0) {
          json.writeNumberField("latency_ms", r.latencyMillis());
        }
        json.writeEndObject();
      }
      if (label != null) {
        json.writeObjectFieldStart("label");
        json.writeStringField("kind", label.kind().wireName());
        json.writeStringField("group", label.group());
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeRaw('\n');
      lines++;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private void optional(String field, String value) throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }

  /** How many lines were written. */
  public long lines() {
    return lines;
  }

  @Override
  public void flush() {
    try {
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      json.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
