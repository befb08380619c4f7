package dev.distillwatch.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small traffic logs for tests, in the format of {@code traffic-log.md}. */
final class TrafficLogs {
  static final long T0 = Instant.parse("2026-04-22T08:00:00Z").toEpochMilli();

  private static final java.time.format.DateTimeFormatter RFC3339_PLUS_2 =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT)
          .withZone(java.time.ZoneOffset.ofHours(2));

  private TrafficLogs() {}

  static String line(String account, long ts, String prompt) {
    return String.format(Locale.ROOT, "{\"ts\":%d,\"account\":\"%s\",\"prompt\":\"%s\"}", ts, account, prompt);
  }

  /**
   * A spec-conformant log using every input field: a few ordinary accounts with conversations,
   * one account that sends a steady high volume of single-turn tasks, both timestamp styles.
   */
  static List<String> conformant() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      long ts = T0 + i * 900L;
      if (i % 100 == 0) {
        int k = i / 100;
        lines.add(String.format(Locale.ROOT,
            "{\"ts\":\"%s\",\"account\":\"user-%02d\",\"org\":\"org-%d\",\"model\":\"big-1\","
                + "\"system\":\"You are helpful.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello %d\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is %d + %d?\"},"
                + "{\"type\":\"image\",\"source\":{\"data\":\"...\"}}]}],"
                + "\"params\":{\"temperature\":0.7,\"max_tokens\":512,\"stream\":true},"
                + "\"ip\":\"198.51.100.%d\",\"user_agent\":\"Mozilla/5.0\",\"payment\":\"pm-%d\","
                + "\"attrs\":{\"country\":\"DE\",\"asn\":\"AS3320\"},"
                + "\"response\":{\"output_tokens\":40,\"input_tokens\":25,\"finish_reason\":\"stop\",\"latency_ms\":800},"
                + "\"label\":{\"kind\":\"benign\"}}",
            RFC3339_PLUS_2.format(Instant.ofEpochMilli(ts)), k % 7, k, k, i, k, k, k));
      }
      lines.add(String.format(Locale.ROOT,
          "{\"ts\":%d,\"account\":\"batch-1\",\"model\":\"big-1\",\"prompt\":\"Task %d: show your complete"
              + " reasoning step by step.\",\"params\":{\"temperature\":0,\"n\":1,\"logprobs\":true,"
              + "\"top_logprobs\":5,\"logit_bias\":{\"50256\":-100}},\"ip\":\"203.0.113.9\","
              + "\"label\":{\"kind\":\"extraction\",\"campaign\":\"c1\"}}",
          ts, i));
    }
    return lines;
  }
}
