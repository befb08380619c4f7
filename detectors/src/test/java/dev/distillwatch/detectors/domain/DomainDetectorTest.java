package dev.distillwatch.detectors.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainDetectorTest {
  private static final long T0 = 1_700_000_000_000L;

  private static Settings settings(long maximumAccounts) {
    return Settings.of(7L, maximumAccounts, Clock.system());
  }

  private static Exchange ex(String account, long t, String text) {
    return Exchange.builder().account(account).timestamp(t).prompt(text).build();
  }

  private static List<String> texts(Domain d) {
    List<String> out = new ArrayList<>();
    for (BundledPrompts.Prompt p : BundledPrompts.byDomain().get(d)) {
      out.add(p.text());
    }
    return out;
  }

  /** A mixed benign population: 200 accounts, 3 requests each, over an hour. */
  private static long population(DomainDetector detector, long t) {
    Map<Domain, List<String>> by = Map.of(
        Domain.CHAT, texts(Domain.CHAT), Domain.WRITING, texts(Domain.WRITING),
        Domain.CODING, texts(Domain.CODING), Domain.MATH, texts(Domain.MATH));
    Domain[] mix = {Domain.CHAT, Domain.CHAT, Domain.CHAT, Domain.WRITING, Domain.CODING, Domain.MATH};
    int k = 0;
    for (int a = 0; a < 200; a++) {
      for (int r = 0; r < 3; r++) {
        List<String> pool = by.get(mix[k % mix.length]);
        detector.inspect(ex("user-" + a, t, pool.get(k % pool.size())));
        k++;
        t += 6_000;
      }
    }
    return t;
  }

  @Test
  void campaignFocusedOnTargetDomainsScoresWithCountsAndShares() {
    DomainDetector detector = DomainDetector.create(DomainConfig.ofDefaults(), settings(10_000));
    long t = population(detector, T0);
    List<String> math = texts(Domain.MATH);
    List<String> reasoning = texts(Domain.REASONING);
    Signal last = Signal.none(DomainDetector.NAME);
    for (int i = 0; i < 60; i++) {
      String text = i % 2 == 0 ? math.get(i) : reasoning.get(i);
      last = detector.inspect(ex("campaign", t += 1_000, text));
    }
    assertThat(last.score()).isGreaterThan(0.2).isLessThanOrEqualTo(0.4);
    assertThat(last.evidence())
        .contains("recent requests coding/math/reasoning/agentic")
        .contains("vs population")
        .contains("JS divergence")
        .doesNotContain(math.get(58).substring(0, 20));
  }

  @Test
  void fewRequestsSayNothingEvenWhenAllMath() {
    DomainDetector detector = DomainDetector.create(DomainConfig.ofDefaults(), settings(10_000));
    long t = population(detector, T0);
    List<String> math = texts(Domain.MATH);
    for (int i = 0; i < 5; i++) {
      Signal s = detector.inspect(ex("student", t += 60_000, math.get(i)));
      assertThat(s.score()).isZero();
    }
    // the hard negative: a plain homework question is math, but says nothing about the account
    Exchange homework = ex("student", t + 60_000,
        "My homework says: a train travels 180 miles in 3 hours. What is its average speed?");
    assertThat(homework.derived(DomainClassifier.DERIVATION).domain()).isEqualTo(Domain.MATH);
    assertThat(detector.inspect(homework).score()).isZero();
  }

  @Test
  void developerAskingOnlyCodingStaysBelowWatch() {
    DomainDetector detector = DomainDetector.create(DomainConfig.ofDefaults(), settings(10_000));
    long t = population(detector, T0);
    List<String> coding = texts(Domain.CODING);
    Signal s = Signal.none(DomainDetector.NAME);
    for (int i = 0; i < 100; i++) {
      s = detector.inspect(ex("dev", t += 120_000, coding.get(i)));
    }
    assertThat(s.score()).isLessThan(0.5); // WATCH needs other signals
  }

  @Test
  void mixedAccountIsNotScored() {
    DomainDetector detector = DomainDetector.create(DomainConfig.ofDefaults(), settings(10_000));
    long t = population(detector, T0);
    List<String> chat = texts(Domain.CHAT);
    List<String> coding = texts(Domain.CODING);
    List<String> writing = texts(Domain.WRITING);
    Signal s = Signal.none(DomainDetector.NAME);
    for (int i = 0; i < 60; i++) {
      String text = i % 3 == 0 ? coding.get(i) : i % 3 == 1 ? chat.get(i) : writing.get(i);
      s = detector.inspect(ex("mixed", t += 30_000, text));
    }
    assertThat(s.score()).isZero();
  }

  /**
   * Hard negative: an IT manager asking security-policy questions. The classifier does not know
   * these as security (about half read as agentic or coding, the rest as chat; see
   * DomainClassifierTest), but the account's target share stays far below the concentration
   * threshold, so it is not scored.
   */
  @Test
  void securityPolicyQuestionsAreNotScored() {
    DomainDetector detector = DomainDetector.create(DomainConfig.ofDefaults(), settings(10_000));
    long t = population(detector, T0);
    String[] questions = {
      "What should a small company's password policy say about multi-factor authentication and"
          + " phishing awareness training for remote employees?",
      "How often should we rotate API keys, and who should own that process in a ten-person startup?",
      "Can you help me write an acceptable use policy for company laptops?",
      "What are the main requirements of GDPR for storing customer email addresses?",
      "Our auditor asked for an incident response plan. What sections should it have?",
      "Is it a good idea to let employees use personal phones for work email?",
      "What is the difference between SOC 2 Type I and Type II?",
      "How do I explain to my staff why they should not click links in unexpected emails?",
    };
    Signal s = Signal.none(DomainDetector.NAME);
    for (int i = 0; i < 40; i++) {
      s = detector.inspect(ex("it-manager", t += 300_000, questions[i % questions.length]));
    }
    assertThat(s.score()).isZero();
  }

  @Test
  void deterministicForTheSameTraffic() {
    List<Signal> a = new ArrayList<>();
    List<Signal> b = new ArrayList<>();
    for (List<Signal> out : List.of(a, b)) {
      DomainDetector d = DomainDetector.create(DomainConfig.ofDefaults(), settings(1_000));
      long t = population(d, T0);
      List<String> math = texts(Domain.MATH);
      for (int i = 0; i < 40; i++) {
        out.add(d.inspect(ex("c", t += 1_000, math.get(i))));
      }
    }
    assertThat(a).isEqualTo(b);
  }

  @Test
  void stateIsBoundedByMaximumAccounts() {
    DomainDetector d = DomainDetector.create(DomainConfig.ofDefaults(), settings(100));
    for (int i = 0; i < 2_000; i++) {
      d.inspect(ex("acct-" + i, T0 + i, "What is 2 + 2?"));
    }
    assertThat(d.trackedAccounts()).isLessThanOrEqualTo(100);
  }

  @Test
  void decayForgetsOldFocus() {
    DomainConfig config = DomainConfig.builder().halfLife(Duration.ofHours(1)).build();
    DomainDetector d = DomainDetector.create(config, settings(10_000));
    long t = population(d, T0);
    List<String> math = texts(Domain.MATH);
    List<String> chat = texts(Domain.CHAT);
    for (int i = 0; i < 60; i++) {
      d.inspect(ex("c", t += 1_000, math.get(i)));
    }
    t += Duration.ofDays(1).toMillis();
    population(d, t);
    t += 3_600_000;
    Signal s = Signal.none(DomainDetector.NAME);
    for (int i = 0; i < 10; i++) {
      s = d.inspect(ex("c", t += 1_000, chat.get(i)));
    }
    assertThat(s.score()).isZero();
  }

  @Test
  void jensenShannonBounds() {
    double[] p = {10, 0, 0, 0, 0, 0, 0, 0};
    double[] q = {0, 5, 0, 0, 0, 0, 5, 0};
    assertThat(DomainDetector.jensenShannon(p, 10, p, 10)).isEqualTo(0.0);
    assertThat(DomainDetector.jensenShannon(p, 10, q, 10)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void configDefaultsAndValidation() {
    DomainConfig c = DomainConfig.ofDefaults();
    assertThat(c.targetDomains()).containsExactlyInAnyOrder(Domain.CODING, Domain.MATH,
        Domain.REASONING, Domain.AGENTIC);
    assertThat(c.maximumScore()).isLessThan(0.5);
    assertThat(c.minimumRequests()).isGreaterThanOrEqualTo(10);
    assertThatThrownBy(() -> DomainConfig.builder().targetDomains(Set.of(Domain.OTHER)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DomainConfig.builder().maximumScore(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DomainDetector.create(c, settings(10)).name()).isEqualTo("domain");
  }
}
