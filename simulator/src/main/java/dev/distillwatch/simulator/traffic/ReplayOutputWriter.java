package dev.distillwatch.simulator.traffic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.distillwatch.core.Signal;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes a replay's results as JSON Lines in UTF-8, exactly as {@code traffic-log.md} specifies
 * them: one verdict line per account, and one line per campaign. Fields are written in the
 * specification's order, scores with exactly 4 decimals, timestamps as RFC 3339 UTC with
 * milliseconds; the same summaries always give the same bytes. Text is UTF-8, except that
 * surrogates (characters outside the Basic Multilingual Plane, and lone surrogates, which UTF-8
 * cannot encode) are written as {@code \\uXXXX} escapes. Jackson's
 * {@code COMBINE_UNICODE_SURROGATES_IN_UTF8} is deliberately not enabled: in 2.18.2 it merges a
 * lone high surrogate with the next escaped character and corrupts the line.
 */
public final class ReplayOutputWriter {
  private static final JsonFactory JSON = new JsonFactoryBuilder()
      .rootValueSeparator((String) null)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private ReplayOutputWriter() {}

  /**
   * Writes one line per account, in the order given:
   * {@code {"account", "flagged", "score", "requests", "first_flagged_ts",
   * "first_flagged_request", "campaign", "signals": [{"detector", "score", "evidence"}]}}.
   * The stream is flushed, not closed.
   */
  public static void writeVerdicts(List<AccountSummary> accounts, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      for (AccountSummary a : accounts) {
        g.writeStartObject();
        g.writeStringField("account", a.account());
        g.writeBooleanField("flagged", a.flagged());
        g.writeNumberField("score", Rounding.fourDecimals(a.score()));
        g.writeNumberField("requests", a.requests());
        if (a.flagged()) {
          g.writeStringField("first_flagged_ts", TrafficTimestamps.format(a.firstFlaggedTimestamp()));
          g.writeNumberField("first_flagged_request", a.firstFlaggedRequest());
        } else {
          g.writeNullField("first_flagged_ts");
          g.writeNullField("first_flagged_request");
        }
        if (a.campaign() == null) {
          g.writeNullField("campaign");
        } else {
          g.writeStringField("campaign", a.campaign());
        }
        g.writeArrayFieldStart("signals");
        for (Signal s : a.signals()) {
          g.writeStartObject();
          g.writeStringField("detector", s.detector());
          g.writeNumberField("score", Rounding.fourDecimals(s.score()));
          g.writeStringField("evidence", s.evidence());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
      }
    }
  }

  /**
   * Writes one line per campaign, in the order given:
   * {@code {"campaign", "accounts": [..], "requests", "first_ts", "last_ts", "score",
   * "domains": {domain: share}, "evidence": [..]}}, domains in the summary's order. The stream is
   * flushed, not closed.
   */
  public static void writeCampaigns(List<CampaignSummary> campaigns, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      for (CampaignSummary c : campaigns) {
        g.writeStartObject();
        g.writeStringField("campaign", c.campaign());
        g.writeArrayFieldStart("accounts");
        for (String account : c.accounts()) {
          g.writeString(account);
        }
        g.writeEndArray();
        g.writeNumberField("requests", c.requests());
        g.writeStringField("first_ts", TrafficTimestamps.format(c.firstTimestamp()));
        g.writeStringField("last_ts", TrafficTimestamps.format(c.lastTimestamp()));
        g.writeNumberField("score", Rounding.fourDecimals(c.score()));
        g.writeObjectFieldStart("domains");
        for (Map.Entry<String, Double> d : c.domains().entrySet()) {
          g.writeNumberField(d.getKey(), Rounding.fourDecimals(d.getValue()));
        }
        g.writeEndObject();
        g.writeArrayFieldStart("evidence");
        for (String e : c.evidence()) {
          g.writeString(e);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
      }
    }
  }
}
