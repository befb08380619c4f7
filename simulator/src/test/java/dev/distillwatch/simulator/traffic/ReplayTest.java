package dev.distillwatch.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Signal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {
  private static final long T0 = Instant.parse("2026-04-22T08:00:00Z").toEpochMilli();

  /** Scores the number in the prompt's text; accounts named "ring-*" are one campaign. */
  private static final class PromptScore implements Detector {
    @Override
    public String name() {
      return "fake";
    }

    @Override
    public Signal inspect(Exchange exchange) {
      double score = Double.parseDouble(exchange.lastUserText());
      if (score == 0) {
        return Signal.none(name());
      }
      Signal s = Signal.of(name(), score, "score " + score);
      return exchange.account().startsWith("ring-") ? s.withCampaign("c-ring") : s;
    }
  }

  private static Replay replay() {
    return Replay.using(DistillWatch.builder().detector(new PromptScore()).build());
  }

  private static Exchange ex(String account, long offsetMillis, String score) {
    return Exchange.builder().account(account).timestamp(T0 + offsetMillis).prompt(score).build();
  }

  @Test
  void keepsMaximumScoreFirstFlaggedRequestAndItsTime() {
    Replay r = replay();
    r.accept(ex("a", 0, "0.1"));
    r.accept(ex("a", 1_000, "0.85"));   // FLAG at the 2nd request
    r.accept(ex("a", 2_000, "0.9"));
    r.accept(ex("a", 3_000, "0.2"));
    r.accept(ex("b", 500, "0"));
    List<AccountSummary> accounts = r.accounts();
    assertThat(accounts).extracting(AccountSummary::account).containsExactly("a", "b");
    AccountSummary a = accounts.get(0);
    assertThat(a.flagged()).isTrue();
    assertThat(a.score()).isEqualTo(0.9);
    assertThat(a.requests()).isEqualTo(4);
    assertThat(a.firstFlaggedRequest()).isEqualTo(2);
    assertThat(a.firstFlaggedTimestamp()).isEqualTo(T0 + 1_000);
    assertThat(a.signals()).containsExactly(Signal.of("fake", 0.9, "score 0.9"));
    AccountSummary b = accounts.get(1);
    assertThat(b.flagged()).isFalse();
    assertThat(b.score()).isZero();
    assertThat(b.firstFlaggedRequest()).isZero();
    assertThat(b.signals()).isEmpty();
    assertThat(r.exchanges()).isEqualTo(5);
  }

  /** Scores a constant; the evidence counts the account's requests. */
  private static final class Saturated implements Detector {
    private int seen;

    @Override
    public String name() {
      return "saturated";
    }

    @Override
    public Signal inspect(Exchange exchange) {
      seen++;
      return Signal.of(name(), 0.6, seen + " requests");
    }
  }

  @Test
  void keepsTheEvidenceOfTheLatestVerdictAtTheMaximum() {
    Replay r = Replay.using(DistillWatch.builder().detector(new Saturated()).build());
    for (int i = 0; i < 5; i++) {
      r.accept(ex("a", i, "x"));
    }
    assertThat(r.accounts().get(0).signals()).containsExactly(Signal.of("saturated", 0.6, "5 requests"));
  }

  @Test
  void ordersByRoundedScoreThenAccount() {
    Replay r = replay();
    r.accept(ex("z", 0, "0.50001"));
    r.accept(ex("y", 0, "0.50004"));
    r.accept(ex("x", 0, "0.7"));
    r.accept(ex("w", 0, "0"));
    assertThat(r.accounts()).extracting(AccountSummary::account).containsExactly("x", "y", "z", "w");
  }

  @Test
  void smallTimestampDisorderIsFine() {
    Replay r = replay();
    r.accept(ex("ring-1", 5_000, "0.3"));
    r.accept(ex("ring-1", 4_000, "0.3"));
    r.accept(ex("ring-1", 6_000, "0.3"));
    AccountSummary a = r.accounts().get(0);
    assertThat(a.firstTimestamp()).isEqualTo(T0 + 4_000);
    assertThat(a.lastTimestamp()).isEqualTo(T0 + 6_000);
  }

  @Test
  void groupsAccountsIntoCampaigns() {
    Replay r = replay();
    r.accept(ex("ring-2", 2_000, "0.6"));
    r.accept(ex("ring-1", 1_000, "0.9"));
    r.accept(ex("ring-1", 9_000, "0.4"));
    r.accept(ex("solo", 0, "0.95"));
    List<CampaignSummary> campaigns = r.campaigns();
    assertThat(campaigns).hasSize(1);
    CampaignSummary c = campaigns.get(0);
    assertThat(c.campaign()).isEqualTo("c-ring");
    assertThat(c.accounts()).containsExactly("ring-1", "ring-2");
    assertThat(c.requests()).isEqualTo(3);
    assertThat(c.firstTimestamp()).isEqualTo(T0 + 1_000);
    assertThat(c.lastTimestamp()).isEqualTo(T0 + 9_000);
    assertThat(c.score()).isEqualTo(0.9);
    assertThat(c.domains()).isEmpty();
    assertThat(c.evidence()).containsExactly("fake: score 0.9", "fake: score 0.6");
    assertThat(r.accounts()).extracting(AccountSummary::campaign).containsExactly(null, "c-ring", "c-ring");
  }

  @Test
  void campaignDomainsAreSharesOfTheMembersRequestsLargestFirst() throws IOException {
    Replay r = Replay.using(DistillWatch.builder().detector(new PromptScore()).build(), Exchange::model);
    String[] models = {"math", "coding", "math", "math"};
    for (int i = 0; i < models.length; i++) {
      r.accept(Exchange.builder().account("ring-" + (i % 2)).timestamp(T0 + i).model(models[i]).prompt("0.5").build());
    }
    r.accept(Exchange.builder().account("solo").timestamp(T0).model("chat").prompt("0.5").build());
    CampaignSummary c = r.campaigns().get(0);
    assertThat(c.domains()).containsExactly(java.util.Map.entry("math", 0.75), java.util.Map.entry("coding", 0.25));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReplayOutputWriter.writeCampaigns(r.campaigns(), out);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"domains\":{\"math\":0.7500,\"coding\":0.2500}");
  }

  @Test
  void capabilityDomainNamesADomainOfTheDefaultClassifier() {
    String domain = Replay.capabilityDomain().apply(
        ex("a", 0, "Write a Python function that reverses a linked list and add unit tests."));
    assertThat(java.util.Arrays.stream(dev.distillwatch.detectors.domain.Domain.values())
        .map(dev.distillwatch.detectors.domain.Domain::label)).contains(domain);
  }

  @Test
  void refusesAnExchangeWithoutTimestamp() {
    Exchange e = Exchange.builder().account("a").prompt("0.1").build();
    assertThatThrownBy(() -> replay().accept(e)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a timestamp");
  }

  @Test
  void writesTheSpecifiedFieldsInOrder() throws IOException {
    Replay r = replay();
    r.accept(ex("ring-1", 1_123, "0.85"));
    r.accept(ex("b\ud800\"", 0, "0"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReplayOutputWriter.writeVerdicts(r.accounts(), out);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
        "{\"account\":\"ring-1\",\"flagged\":true,\"score\":0.8500,\"requests\":1,"
            + "\"first_flagged_ts\":\"2026-04-22T08:00:01.123Z\",\"first_flagged_request\":1,"
            + "\"campaign\":\"c-ring\",\"signals\":[{\"detector\":\"fake\",\"score\":0.8500,\"evidence\":\"score 0.85\"}]}\n"
            + "{\"account\":\"b\\uD800\\\"\",\"flagged\":false,\"score\":0.0000,\"requests\":1,"
            + "\"first_flagged_ts\":null,\"first_flagged_request\":null,\"campaign\":null,\"signals\":[]}\n");
    ByteArrayOutputStream campaigns = new ByteArrayOutputStream();
    ReplayOutputWriter.writeCampaigns(r.campaigns(), campaigns);
    assertThat(campaigns.toString(StandardCharsets.UTF_8)).isEqualTo(
        "{\"campaign\":\"c-ring\",\"accounts\":[\"ring-1\"],\"requests\":1,\"first_ts\":\"2026-04-22T08:00:01.123Z\","
            + "\"last_ts\":\"2026-04-22T08:00:01.123Z\",\"score\":0.8500,\"domains\":{},"
            + "\"evidence\":[\"fake: score 0.85\"]}\n");
  }

  @Test
  void writesNothingForNoAccounts() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReplayOutputWriter.writeVerdicts(List.of(), out);
    ReplayOutputWriter.writeCampaigns(List.of(), out);
    assertThat(out.size()).isZero();
  }
}
