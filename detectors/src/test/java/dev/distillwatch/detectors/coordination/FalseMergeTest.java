package dev.distillwatch.detectors.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Role;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The obvious false merges: none of these cohorts may become a campaign, nor be flagged by one. */
class FalseMergeTest {
  private static final long T0 = 1_775_000_000_000L;

  private final CoordinationDetector d =
      CoordinationDetector.create(CoordinationConfig.ofDefaults(), Settings.of(11L, 100_000, Clock.system()));
  private final SplittableRandom random = new SplittableRandom(5);
  private final List<String> accounts = new ArrayList<>();
  private double maxScore;

  private void send(Exchange e) {
    Signal s = d.inspect(e);
    maxScore = Math.max(maxScore, s.score());
  }

  private void assertNoneMerged() {
    for (String a : accounts) {
      assertNull(d.campaignOf(a), a + " was merged into a campaign");
    }
    assertEquals(0.0, maxScore, "no member signal");
  }

  @Test
  void popularPromptUsersAreNotMerged() {
    // 2,000 unrelated users (own payment, own address) send the same popular prompt, a few
    // times each, with some of their own prompts besides.
    String popular = Traffic.benign().get(3);
    long t = T0;
    for (int u = 0; u < 2_000; u++) {
      String account = "user_" + Traffic.hex(random);
      accounts.add(account);
      String pm = "pm_" + Traffic.hex(random);
      String ip = Traffic.ip(random);
      for (int i = 0; i < 4; i++) {
        String text = i % 2 == 0 ? popular : Traffic.benign().get(random.nextInt(Traffic.benign().size()));
        send(Exchange.builder().account(account).timestamp(t += 1_000).prompt(text).ip(ip).payment(pm)
            .userAgent("OpenAI/Python 1.54.3").attribute("asn", "AS" + random.nextInt(60_000)).build());
      }
    }
    assertNoneMerged();
  }

  @Test
  void corporateNatIsNotMerged() {
    // 300 employees behind three addresses of one /24, one organisation, one corporate card,
    // one client stack; some of them use a shared internal prompt template for varied tasks.
    String template = "Summarise the following for the weekly report, in three bullet points:\n\n%s";
    long t = T0;
    List<String> tasks = Traffic.benign();
    for (int round = 0; round < 20; round++) {
      for (int u = 0; u < 300; u++) {
        String account = "emp_" + u;
        if (round == 0) {
          accounts.add(account);
        }
        String task = tasks.get(random.nextInt(tasks.size()));
        String text = u % 3 == 0 ? String.format(Locale.ROOT, template, task) : task;
        send(Exchange.builder().account(account).timestamp(t += 2_000).prompt(text)
            .ip("203.0.113." + (10 + random.nextInt(3))).org("org_acme").payment("pm_acme_corporate")
            .userAgent("OpenAI/Python 1.54.3").attribute("asn", "AS64500").attribute("ja3", "771,4865-4866")
            .build());
      }
    }
    assertNoneMerged();
  }

  @Test
  void natWithoutOrganisationOrSharedCardIsNotMerged() {
    // The same NAT without a declared organisation: network evidence alone never merges.
    long t = T0;
    for (int round = 0; round < 10; round++) {
      for (int u = 0; u < 200; u++) {
        String account = "nat_" + u;
        if (round == 0) {
          accounts.add(account);
        }
        send(Exchange.builder().account(account).timestamp(t += 2_000)
            .prompt(Traffic.benign().get(random.nextInt(Traffic.benign().size())))
            .ip("198.51.100." + (1 + random.nextInt(4))).payment("pm_" + account)
            .userAgent("OpenAI/Python 1.54.3").attribute("asn", "AS64501").build());
      }
    }
    assertNoneMerged();
  }

  @Test
  void universityNetworkAndItsClassroomAreNotMerged() {
    // 400 students on one university ASN, spread over its /24s; every week's lab, each class
    // sends the same assignment (the same math problems, asked step by step) in the same hour.
    List<String> problems = Traffic.extraction();
    String[] asks = {"%s\nExplain step by step.", "Can you solve this step by step? %s", "%s"};
    long t = T0;
    for (int week = 0; week < 6; week++) {
      long lab = T0 + week * 7L * 86_400_000L;
      for (int s = 0; s < 400; s++) {
        String account = "student_" + s;
        if (week == 0) {
          accounts.add(account);
        }
        String ip = "128.32." + (s % 40) + "." + (1 + (s * 7) % 250);
        for (int p = 0; p < 5; p++) {
          String problem = problems.get((week * 5 + p) % problems.size());
          t = lab + p * 600_000L + s * 1_000L;
          send(Exchange.builder().account(account).timestamp(t)
              .prompt(String.format(Locale.ROOT, asks[random.nextInt(asks.length)], problem)).ip(ip)
              .org("org_univ").userAgent("OpenAI/Python 1.54.3").attribute("asn", "AS25").build());
        }
      }
    }
    assertNoneMerged();
  }

  @Test
  void wrapperAppEndUsersAreNotMerged() {
    // A wrapper app whose end users are separate accounts (own payment each), all sent from the
    // app's two servers with the app's client stack and system prompt.
    String system = "You are StudyBuddy, a friendly assistant for students. Answer clearly and kindly.";
    long t = T0;
    for (int round = 0; round < 15; round++) {
      for (int u = 0; u < 500; u++) {
        String account = "app_user_" + u;
        if (round == 0) {
          accounts.add(account);
        }
        send(Exchange.builder().account(account).timestamp(t += 500)
            .messages(List.of(Message.of(Role.SYSTEM, system),
                Message.of(Role.USER, Traffic.benign().get(random.nextInt(Traffic.benign().size())))))
            .ip("34.120.7." + (5 + random.nextInt(2))).payment("pm_user_" + u)
            .userAgent("OpenAI/NodeJS 4.73.0").attribute("ja3", "771,4865-4867").attribute("asn", "AS15169")
            .build());
      }
    }
    assertNoneMerged();
  }

  @Test
  void aHubKeyJoinsNothing() {
    // One user agent + fingerprint and one payment processor token on 5,000 accounts: hubs.
    assertTrue(d.weight(5_000) == 0 && d.weight(10) == 1 && d.weight(500) > 0 && d.weight(500) < 1);
  }
}
