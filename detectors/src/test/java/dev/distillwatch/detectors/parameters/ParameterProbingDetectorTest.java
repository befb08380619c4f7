package dev.distillwatch.detectors.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterProbingDetectorTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final ParameterConfig C = ParameterConfig.ofDefaults();

  private static int flags(Map<String, ?> raw) {
    return ParameterProbingDetector.flagsOf(Parameters.of(raw), C);
  }

  private static int bit(ProbeFlag f) {
    return 1 << f.ordinal();
  }

  private static Map<String, Integer> bias(int entries, int value) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < entries; i++) {
      m.put(String.valueOf(1000 + i), value);
    }
    return m;
  }

  @Test
  void flagsOnCraftedParameters() {
    assertThat(flags(Map.of("logprobs", true, "max_tokens", 1))).isEqualTo(bit(ProbeFlag.LOGPROBS_SHORT));
    assertThat(flags(Map.of("logprobs", true, "top_logprobs", 20, "max_tokens", 1)))
        .isEqualTo(bit(ProbeFlag.LOGPROBS_SHORT) | bit(ProbeFlag.TOP_LOGPROBS_MAX));
    assertThat(flags(Map.of("logprobs", 5, "max_completion_tokens", 2))).isEqualTo(bit(ProbeFlag.LOGPROBS_SHORT));
    assertThat(flags(Map.of("logit_bias", bias(60, 5)))).isEqualTo(bit(ProbeFlag.WIDE_LOGIT_BIAS));
    assertThat(flags(Map.of("logit_bias", bias(12, -100)))).isEqualTo(bit(ProbeFlag.WIDE_LOGIT_BIAS));
    assertThat(flags(Map.of("n", 8, "temperature", 1.0))).isEqualTo(bit(ProbeFlag.N_SAMPLES));
    assertThat(flags(Map.of("n", 4))).as("absent temperature is 1").isEqualTo(bit(ProbeFlag.N_SAMPLES));
    assertThat(flags(Map.of("stop", List.of("\n20", "20.", "20.")))).isEqualTo(bit(ProbeFlag.RECIPE_DECODING));
    assertThat(flags(Map.of("stop", List.of("\n\n", "\n16", "16.", "16 .")))).isEqualTo(bit(ProbeFlag.RECIPE_DECODING));
    assertThat(flags(Map.of("presence_penalty", 2, "top_p", 0.5, "temperature", 0.7)))
        .isEqualTo(bit(ProbeFlag.RECIPE_DECODING));
  }

  @Test
  void ordinaryParametersRaiseNoFlag() {
    assertThat(flags(Map.of())).isZero();
    assertThat(flags(Map.of("temperature", 0.7, "max_tokens", 1024, "stream", true))).isZero();
    assertThat(flags(Map.of("logprobs", true, "max_tokens", 256))).as("logprobs on a real answer").isZero();
    assertThat(flags(Map.of("logit_bias", Map.of("50256", -100)))).as("self-instruct's one ban").isZero();
    assertThat(flags(Map.of("logit_bias", bias(5, 100)))).isZero();
    assertThat(flags(Map.of("n", 3, "temperature", 0.0))).as("greedy n>1 gains nothing").isZero();
    assertThat(flags(Map.of("n", 1))).isZero();
    assertThat(flags(Map.of("stop", List.of("\n\n", "###", "User:", "\n2.")))).isZero();
    assertThat(flags(Map.of("top_logprobs", 5, "logprobs", true, "max_tokens", 500))).isZero();
  }

  private static ParameterProbingDetector detector(long maximumAccounts, ParameterConfig config) {
    return ParameterProbingDetector.create(config, Settings.of(9, maximumAccounts, Clock.system()));
  }

  private static Exchange exchange(String account, long ts, Map<String, ?> raw) {
    return Exchange.builder().account(account).timestamp(ts).prompt("The capital of France is")
        .parameters(Parameters.of(raw)).build();
  }

  @Test
  void accountProbingLogprobsScoresHighWithCountsInEvidence() {
    ParameterProbingDetector d = detector(1_000, C);
    Signal last = null;
    for (int i = 0; i < 40; i++) {
      Map<String, Object> p = i % 4 == 3 ? Map.of("temperature", 0.7)
          : Map.of("logprobs", true, "top_logprobs", 20, "max_tokens", 1);
      last = d.inspect(exchange("prober", T0 + i * 1_000L, p));
    }
    assertThat(last.score()).isGreaterThan(0.8);
    assertThat(last.evidence()).startsWith("parameter probing in 30 of 40 requests (75%)")
        .contains("logprobs with max_tokens<=2 30").contains("top_logprobs at max 30");
  }

  @Test
  void occasionalSamplingStaysLowAndMinimumRequestsHolds() {
    ParameterProbingDetector d = detector(1_000, C);
    for (int i = 0; i < C.minimumRequests() - 1; i++) {
      assertThat(d.inspect(exchange("new", T0 + i, Map.of("logprobs", true, "max_tokens", 1))).score()).isZero();
    }
    assertThat(d.inspect(exchange("new", T0 + 10, Map.of("logprobs", true, "max_tokens", 1))).score()).isPositive();

    Signal last = null;
    for (int i = 0; i < 100; i++) { // a writer asking for 3 drafts now and then
      Map<String, Object> p = i % 20 == 0 ? Map.of("n", 3, "temperature", 1.0) : Map.of("temperature", 0.8);
      last = d.inspect(exchange("writer", T0 + i * 60_000L, p));
    }
    assertThat(last.score()).isZero();
  }

  @Test
  void rareFingerprintSharedByManyAccountsIsReportedModestly() {
    ParameterConfig c = ParameterConfig.builder().sharedFingerprint(16, 0.01, 2_000, 0.3).build();
    ParameterProbingDetector d = detector(100_000, c);
    long t = T0;
    for (int i = 0; i < 3_000; i++) { // the population: common SDK defaults from many accounts
      Map<String, Object> p = i % 2 == 0 ? Map.of("temperature", 0.7, "max_tokens", 1024)
          : Map.of("temperature", 1.0, "stream", true);
      assertThat(d.inspect(exchange("user-" + (i % 500), t++, p)).score()).isZero();
    }
    Map<String, Object> tooling = new HashMap<>();
    tooling.put("temperature", 0.35);
    tooling.put("top_p", 0.93);
    tooling.put("max_tokens", 3000);
    tooling.put("frequency_penalty", 0.1);
    tooling.put("seed", 7);
    Signal last = null;
    for (int a = 0; a < 20; a++) {
      last = d.inspect(exchange("campaign-" + a, t++, new LinkedHashMap<>(tooling)));
    }
    assertThat(last.score()).isEqualTo(0.3);
    assertThat(last.evidence()).startsWith("parameter fingerprint shared by 20 accounts");
    assertThat(d.sharedFingerprints()).singleElement().satisfies(f -> {
      assertThat(f.accounts()).isEqualTo(20);
      assertThat(f.requests()).isEqualTo(20);
      assertThat(f.fingerprint()).isEqualTo(ParameterProbingDetector.fingerprint(Parameters.of(tooling)));
    });
    // The common fingerprints, though shared by hundreds of accounts, are not rare.
    assertThat(d.inspect(exchange("user-1", t++, Map.of("temperature", 0.7, "max_tokens", 1024))).score()).isZero();
  }

  @Test
  void fingerprintIgnoresKeyOrderAndSmallNumericNoise() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("temperature", 0.7);
    a.put("max_tokens", 1000);
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("max_tokens", 1023);
    b.put("temperature", 0.71);
    assertThat(ParameterProbingDetector.fingerprint(Parameters.of(a)))
        .isEqualTo(ParameterProbingDetector.fingerprint(Parameters.of(b)));
    b.put("top_p", 1.0);
    assertThat(ParameterProbingDetector.fingerprint(Parameters.of(a)))
        .isNotEqualTo(ParameterProbingDetector.fingerprint(Parameters.of(b)));
  }

  @Test
  void stateIsBounded() {
    ParameterConfig c = ParameterConfig.builder().fingerprints(100, 8).sharedFingerprint(4, 0.01, 10, 0.3).build();
    ParameterProbingDetector d = detector(200, c);
    for (int i = 0; i < 5_000; i++) {
      d.inspect(exchange("acc-" + i, T0 + i, Map.of("temperature", i / 100.0, "max_tokens", i)));
    }
    assertThat(d.trackedAccounts()).isLessThanOrEqualTo(200);
    assertThat(d.trackedFingerprints()).isLessThanOrEqualTo(100);
  }

  @Test
  void configRejectsInconsistentValues() {
    assertThatThrownBy(() -> ParameterConfig.builder().fingerprints(10, 8).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ParameterConfig.builder().shares(0.5, 0.4)).isInstanceOf(IllegalArgumentException.class);
  }
}
