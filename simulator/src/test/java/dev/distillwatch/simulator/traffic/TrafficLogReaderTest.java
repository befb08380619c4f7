package dev.distillwatch.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Role;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficLogReaderTest {
  private final List<LogRecord> records = new ArrayList<>();
  private final List<BadLine> bad = new ArrayList<>();

  private ReadSummary read(String text) throws IOException {
    return read(TrafficLogReader.builder().build(), text);
  }

  private ReadSummary read(TrafficLogReader reader, String text) throws IOException {
    return reader.read(new StringReader(text), records::add, bad::add);
  }

  private Exchange only(String line) throws IOException {
    ReadSummary s = read(line + "\n");
    assertThat(bad).isEmpty();
    assertThat(s).isEqualTo(new ReadSummary(1, 1, 0));
    return records.get(0).exchange();
  }

  private String reasonOf(String line) throws IOException {
    ReadSummary s = read(line);
    assertThat(s).isEqualTo(new ReadSummary(1, 0, 1));
    return bad.get(0).reason();
  }

  @Test
  void promptBecomesOneUserMessage() throws IOException {
    Exchange e = only("{\"ts\":\"2026-04-22T08:00:01.123Z\",\"account\":\"a1\",\"prompt\":\"hi\"}");
    assertThat(e.account()).isEqualTo("a1");
    assertThat(e.timestamp()).isEqualTo(java.time.Instant.parse("2026-04-22T08:00:01.123Z").toEpochMilli());
    assertThat(e.messages()).containsExactly(Message.of(Role.USER, "hi"));
  }

  @Test
  void timestampWithAnyOffsetOrEpochMillis() throws IOException {
    long expected = java.time.Instant.parse("2026-04-22T08:00:01.123Z").toEpochMilli();
    String[] stamps = {
        "\"2026-04-22T10:00:01.123+02:00\"", "\"2026-04-22t08:00:01.123456z\"",
        "\"2026-04-22T03:00:01.1239-05:00\"", String.valueOf(expected), expected + ".0"};
    for (String ts : stamps) {
      records.clear();
      assertThat(only("{\"ts\":" + ts + ",\"account\":\"a\",\"prompt\":\"p\"}").timestamp())
          .as(ts).isEqualTo(expected);
    }
  }

  @Test
  void messagesWithStringAndBlockContent() throws IOException {
    Exchange e = only("{\"ts\":0,\"account\":\"a\",\"system\":\"be brief\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"sys\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"one\"},{\"type\":\"image\",\"source\":{}},"
        + "{\"type\":\"text\",\"text\":\"two\"}]},"
        + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{}]},"
        + "{\"role\":\"tool\",\"content\":\"42\"}]}");
    assertThat(e.system()).isEqualTo("be brief");
    assertThat(e.messages()).containsExactly(
        Message.of(Role.SYSTEM, "sys"),
        Message.of(Role.USER, "one\ntwo", List.of("image")),
        Message.of(Role.ASSISTANT, ""),
        Message.of(Role.TOOL, "42"));
  }

  @Test
  void systemAsBlocksIsTolerated() throws IOException {
    Exchange e = only("{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\",\"system\":[{\"type\":\"text\",\"text\":\"x\"},\"y\"]}");
    assertThat(e.system()).isEqualTo("x\ny");
  }

  @Test
  void optionalFieldsParamsAttrsAndResponse() throws IOException {
    Exchange e = only("{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\",\"model\":\"m-1\",\"org\":\"o\","
        + "\"ip\":\"2001:db8::1\",\"user_agent\":\"openai-python/1.0\",\"payment\":\"card-9\",\"unknown\":[1,2],"
        + "\"params\":{\"temperature\":0.2,\"max_tokens\":1,\"n\":5,\"logprobs\":true,\"top_logprobs\":20,"
        + "\"logit_bias\":{\"1\":100,\"2\":-100},\"stop\":[\"###\"],\"tools\":[{}],\"seed\":12345678901234567890,"
        + "\"user\":null},"
        + "\"attrs\":{\"ja3\":\"abc\",\"asn\":13335,\"proxy\":true,\"gone\":null},"
        + "\"response\":{\"output_tokens\":1,\"input_tokens\":30,\"finish_reason\":\"length\",\"latency_ms\":12.6}}");
    assertThat(e.model()).isEqualTo("m-1");
    assertThat(e.org()).isEqualTo("o");
    assertThat(e.ip()).isEqualTo("2001:db8::1");
    assertThat(e.userAgent()).isEqualTo("openai-python/1.0");
    assertThat(e.payment()).isEqualTo("card-9");
    assertThat(e.parameters().temperature()).hasValue(0.2);
    assertThat(e.parameters().maxTokens()).hasValue(1);
    assertThat(e.parameters().n()).hasValue(5);
    assertThat(e.parameters().logprobs()).isTrue();
    assertThat(e.parameters().topLogprobs()).hasValue(20);
    assertThat(e.parameters().logitBiasSize()).isEqualTo(2);
    assertThat(e.parameters().stop()).containsExactly("###");
    assertThat(e.parameters().toolCount()).isEqualTo(1);
    assertThat(e.parameters().raw().get("seed")).isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(e.parameters().raw()).containsEntry("user", null);
    assertThat(e.attributes()).containsExactly(Map.entry("ja3", "abc"), Map.entry("asn", "13335"),
        Map.entry("proxy", "true"));
    assertThat(e.response().outputTokens()).isEqualTo(1);
    assertThat(e.response().inputTokens()).isEqualTo(30);
    assertThat(e.response().finishReason()).isEqualTo("length");
    assertThat(e.response().latencyMillis()).isEqualTo(13);
  }

  @Test
  void labelIsKeptAsRawJsonOnly() throws IOException {
    read("{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\",\"label\":{\"campaign\":\"c1\",\"style\":\"cot\"}}\n"
        + "{\"ts\":0,\"account\":\"b\",\"prompt\":\"p\",\"label\":null}\n"
        + "{\"ts\":0,\"account\":\"c\",\"prompt\":\"p\"}\n");
    assertThat(records).extracting(LogRecord::label)
        .containsExactly("{\"campaign\":\"c1\",\"style\":\"cot\"}", null, null);
  }

  @Test
  void blankLinesAreIgnoredAndNotCountedButLineNumbersAreKept() throws IOException {
    ReadSummary s = read("\n  \r\n{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\"}\r\n\t\n{\"ts\":1,\"account\":\"b\",\"prompt\":\"q\"}");
    assertThat(s).isEqualTo(new ReadSummary(2, 2, 0));
    assertThat(records).extracting(LogRecord::lineNumber).containsExactly(3L, 5L);
  }

  @Test
  void byteOrderMarkAndMalformedUtf8AreTolerated() throws IOException {
    byte[] prefix = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] line = "{\"ts\":0,\"account\":\"a\",\"prompt\":\"x\u00e9?\"}\n".getBytes(StandardCharsets.UTF_8);
    line[line.length - 4] = (byte) 0xC3; // a truncated two-byte sequence
    byte[] all = new byte[prefix.length + line.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(line, 0, all, prefix.length, line.length);
    ReadSummary s = TrafficLogReader.builder().build()
        .read(new java.io.ByteArrayInputStream(all), records::add, bad::add);
    assertThat(s).isEqualTo(new ReadSummary(1, 1, 0));
    assertThat(records.get(0).exchange().lastUserText()).startsWith("x\u00e9").contains("\ufffd");
  }

  @Test
  void gzipIsRecognisedAndDecompressed() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write("{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\"}\n{\"ts\":1,\"account\":\"b\",\"prompt\":\"q\"}\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    ReadSummary s = TrafficLogReader.builder().build()
        .read(new java.io.ByteArrayInputStream(bytes.toByteArray()), records::add, bad::add);
    assertThat(s).isEqualTo(new ReadSummary(2, 2, 0));
    assertThat(records).extracting(r -> r.exchange().account()).containsExactly("a", "b");
  }

  @Test
  void oneByteInputIsABadLineNotAFailure() throws IOException {
    ReadSummary s = TrafficLogReader.builder().build()
        .read(new java.io.ByteArrayInputStream(new byte[] {0x1f}), records::add, bad::add);
    assertThat(s).isEqualTo(new ReadSummary(1, 0, 1));
  }

  @Test
  void unpairedSurrogatesAndControlCharactersAreAccepted() throws IOException {
    Exchange e = only("{\"ts\":0,\"account\":\"a\\udc00\",\"prompt\":\"\\ud800 x \\udfff\\u0000\\u0007\u0001\t\\u2028\"}");
    assertThat(e.account()).isEqualTo("a\udc00");
    assertThat(e.lastUserText()).isEqualTo("\ud800 x \udfff\u0000\u0007\u0001\t\u2028");
  }

  @Test
  void largePromptIsAccepted() throws IOException {
    String prompt = "x".repeat(5 * 1024 * 1024);
    Exchange e = only("{\"ts\":0,\"account\":\"a\",\"prompt\":\"" + prompt + "\"}");
    assertThat(e.lastUserText()).hasSize(prompt.length());
  }

  @Test
  void lineOverTheLimitIsABadLineAndReadingGoesOn() throws IOException {
    TrafficLogReader reader = TrafficLogReader.builder().maximumLineLength(100).build();
    String longLine = "{\"ts\":0,\"account\":\"a\",\"prompt\":\"" + "y".repeat(200_000) + "\"}";
    ReadSummary s = read(reader, longLine + "\n{\"ts\":0,\"account\":\"b\",\"prompt\":\"p\"}\n");
    assertThat(s).isEqualTo(new ReadSummary(2, 1, 1));
    assertThat(bad).containsExactly(new BadLine(1, "line is longer than the limit of 100 characters"));
    assertThat(records).extracting(r -> r.exchange().account()).containsExactly("b");
  }

  @Test
  void badLinesNameTheFieldAndTheReason() throws IOException {
    String[][] cases = {
        {"not json", "not JSON at column 4: Unrecognized token 'not'"},
        {"[1,2]", "not a JSON object, was array"},
        {"{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\"} {}", "not JSON"},
        {"{\"ts\":0,\"prompt\":\"p\"}", "missing required field 'account'"},
        {"{\"ts\":0,\"account\":\"\",\"prompt\":\"p\"}", "'account' must be a non-empty string, was string \"\""},
        {"{\"ts\":0,\"account\":7,\"prompt\":\"p\"}", "'account' must be a non-empty string, was number 7"},
        {"{\"account\":\"a\",\"prompt\":\"p\"}", "missing required field 'ts'"},
        {"{\"ts\":true,\"account\":\"a\",\"prompt\":\"p\"}",
            "'ts' must be an RFC 3339 string or epoch milliseconds, was boolean"},
        {"{\"ts\":\"yesterday\",\"account\":\"a\",\"prompt\":\"p\"}",
            "'ts' must be an RFC 3339 string or epoch milliseconds, was string \"yesterday\""},
        {"{\"ts\":\"2026-04-22T08:00:01\",\"account\":\"a\",\"prompt\":\"p\"}",
            "'ts' must be an RFC 3339 string or epoch milliseconds, was string \"2026-04-22T08:00:01\""},
        {"{\"ts\":1.5,\"account\":\"a\",\"prompt\":\"p\"}",
            "'ts' must be an RFC 3339 string or epoch milliseconds, was a fractional number 1.5"},
        {"{\"ts\":1e300,\"account\":\"a\",\"prompt\":\"p\"}", "'ts' must be an RFC 3339 string or epoch milliseconds"},
        {"{\"ts\":0,\"account\":\"a\"}", "one of 'prompt' or 'messages' is required"},
        {"{\"ts\":0,\"account\":\"a\",\"prompt\":3}", "'prompt' must be a string, was number"},
        {"{\"ts\":0,\"account\":\"a\",\"messages\":{}}", "'messages' must be an array, was object"},
        {"{\"ts\":0,\"account\":\"a\",\"messages\":[{\"content\":\"x\"}]}", "missing required field 'messages[0].role'"},
        {"{\"ts\":0,\"account\":\"a\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
            "'messages[0].role' must be system, user, assistant or tool, was string \"robot\""},
        {"{\"ts\":0,\"account\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":5}]}",
            "'messages[0].content' must be a string or an array of blocks, was number"},
        {"{\"ts\":0,\"account\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}",
            "'messages[0].content[0].text' must be a string, was absent"},
        {"{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\",\"params\":[]}", "'params' must be an object, was array"},
        {"{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\",\"attrs\":{\"x\":[1]}}", "'attrs.x' must be a string, was array"},
        {"{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\",\"model\":1}", "'model' must be a string, was number"},
        {"{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\",\"response\":{\"output_tokens\":\"1\"}}",
            "'response.output_tokens' must be a number, was string"},
        {"{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\",\"params\":{\"x\":" + "[".repeat(2_000) + "]}}",
            "exceeds a parser limit: Document nesting depth (1001) exceeds the maximum allowed"},
    };
    for (String[] c : cases) {
      bad.clear();
      assertThat(reasonOf(c[0])).as(c[0]).startsWith(c[1]);
    }
    assertThat(records).isEmpty();
  }

  @Test
  void quotedValuesInReasonsAreShortAndEscaped() throws IOException {
    String reason = reasonOf("{\"ts\":\"\\u0000\\n" + "z".repeat(100) + "\",\"account\":\"a\",\"prompt\":\"p\"}");
    assertThat(reason).contains("\"\\u0000\\u000a" + "z".repeat(38) + "...\"").doesNotContain("\n");
  }

  @Test
  void strictReaderStopsAtTheFirstBadLine() throws IOException {
    TrafficLogReader reader = TrafficLogReader.builder().strict(true).build();
    String text = "{\"ts\":0,\"account\":\"a\",\"prompt\":\"p\"}\n{\"ts\":false,\"account\":\"b\",\"prompt\":\"p\"}\n"
        + "{\"ts\":0,\"account\":\"c\",\"prompt\":\"p\"}\n";
    assertThatThrownBy(() -> read(reader, text))
        .isInstanceOfSatisfying(BadLineException.class, e -> {
          assertThat(e.badLine().lineNumber()).isEqualTo(2);
          assertThat(e.summary()).isEqualTo(new ReadSummary(2, 1, 1));
        })
        .hasMessage("line 2: 'ts' must be an RFC 3339 string or epoch milliseconds, was boolean");
    assertThat(records).hasSize(1);
  }

  @Test
  void emptyInputReadsNothing() throws IOException {
    assertThat(read("")).isEqualTo(new ReadSummary(0, 0, 0));
    assertThat(read("\n\n")).isEqualTo(new ReadSummary(0, 0, 0));
  }

  @Test
  void builderRejectsANonPositiveLimit() {
    assertThatThrownBy(() -> TrafficLogReader.builder().maximumLineLength(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
  }
}
