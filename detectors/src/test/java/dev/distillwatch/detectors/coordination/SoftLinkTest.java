package dev.distillwatch.detectors.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Links without shared infrastructure: a slow-and-low harvest through own cards and own addresses
 * is one campaign; the users of one app, who share its request shape and its instruction, are not
 * flagged by it.
 */
class SoftLinkTest {
  private static final long T0 = 1_775_001_600_000L; // a midnight, UTC
  private static final long HOUR = 3_600_000L;
  /** Reasoning requests in wordings of our own, each request worded differently. */
  private static final String[] WORDINGS = {
      "%s\n\nWalk me through your entire thought process before you answer.",
      "Please write out every step of your thinking, then give the answer.\n\n%s",
      "%s\nExplain your logic in great detail before stating the result.",
      "Problem: %s\nShow all intermediate steps and justify each one.",
      "Think out loud about this one and show all of your reasoning: %s",
      "%s\n\nI need your complete reasoning, every step spelled out, before the final answer."};

  private final CoordinationDetector d =
      CoordinationDetector.create(CoordinationConfig.ofDefaults(), Settings.of(3L, 100_000, Clock.system()));
  private final SplittableRandom random = new SplittableRandom(9);

  private static String ip(SplittableRandom r) {
    return Traffic.ip(r);
  }

  @Test
  void aSlowAndLowHarvestThroughOwnCardsAndAddressesIsOneCampaign() {
    // 30 accounts, each with its own card, address and ASN, about 6 requests a day in one office
    // shift, half of them ordinary camouflage prompts; the harvest requests share only the
    // operator's request shape and the intent, never one wording twice in a row.
    int n = 30;
    String[] accounts = new String[n];
    String[] payments = new String[n];
    String[] ips = new String[n];
    for (int i = 0; i < n; i++) {
      accounts[i] = "acct_" + Traffic.hex(random);
      payments[i] = "pm_" + Traffic.hex(random);
      ips[i] = ip(random);
    }
    Parameters shape = Parameters.of(Map.of("temperature", 0.6, "max_tokens", 8192));
    List<String> tasks = Traffic.extraction();
    List<String> benign = Traffic.benign();
    double[] last = new double[n];
    int task = 0;
    for (int day = 0; day < 7; day++) {
      for (int r = 0; r < 6 * n; r++) {
        int a = random.nextInt(n);
        long t = T0 + day * 24 * HOUR + 9 * HOUR + (long) (random.nextDouble() * 8 * HOUR);
        Exchange.Builder b = Exchange.builder().account(accounts[a]).timestamp(t).ip(ips[a]).payment(payments[a])
            .userAgent("OpenAI/Python 1.54.3").attribute("asn", "AS" + random.nextInt(60_000));
        if (random.nextBoolean()) {
          b.prompt(benign.get(random.nextInt(benign.size())));
        } else {
          b.prompt(String.format(Locale.ROOT, WORDINGS[random.nextInt(WORDINGS.length)],
              tasks.get(task++ % tasks.size()))).parameters(shape);
        }
        last[a] = d.inspect(b.build()).score();
      }
    }
    Set<String> ids = new HashSet<>();
    for (String a : accounts) {
      ids.add(d.campaignOf(a));
    }
    assertEquals(1, ids.size(), "one campaign: " + ids);
    assertNotNull(ids.iterator().next());
    int high = 0;
    for (double s : last) {
      high += s >= 0.8 ? 1 : 0;
    }
    assertTrue(high >= 29, high + " of 30 members carry the campaign's score");
  }

  @Test
  void usersOfOneAppWithItsShapeAndInstructionAreNotFlagged() {
    // 60 unrelated users of one tutoring app on their own keys: the app's request shape and its
    // reasoning instruction on every homework question, but each user at their own pace (from one
    // request a day to dozens) and in their own time zone.
    int n = 60;
    Parameters shape = Parameters.of(Map.of("temperature", 0.4, "max_tokens", 4096));
    String wrapper = "%s\n\nShow your complete reasoning step by step, then give the final answer.";
    List<String> tasks = Traffic.extraction();
    double max = 0;
    String[] accounts = new String[n];
    double[] perDay = new double[n];
    int[] zone = new int[n];
    String[] ips = new String[n];
    for (int i = 0; i < n; i++) {
      accounts[i] = "student_" + Traffic.hex(random);
      perDay[i] = Math.min(80, 5 * Math.exp(1.2 * random.nextGaussian()));
      zone[i] = random.nextInt(24);
      ips[i] = ip(random);
    }
    for (int day = 0; day < 7; day++) {
      for (int i = 0; i < n; i++) {
        int today = (int) Math.round(perDay[i] * (0.5 + random.nextDouble()));
        for (int r = 0; r < today; r++) {
          long t = T0 + day * 24 * HOUR + zone[i] * HOUR + (long) (random.nextDouble() * 14 * HOUR);
          Signal s = d.inspect(Exchange.builder().account(accounts[i]).timestamp(t).ip(ips[i])
              .payment("pm_" + accounts[i]).userAgent("OpenAI/Python 1.54.3")
              .prompt(String.format(Locale.ROOT, wrapper, tasks.get(random.nextInt(tasks.size()))))
              .parameters(shape).build());
          max = Math.max(max, s.score());
        }
      }
    }
    assertTrue(max < 0.5, "no app user reaches WATCH through the coordination detector: " + max);
  }

  @Test
  void networkAndClientAreOneKindOfEvidence() {
    int network = 1 << LinkFamily.NETWORK.ordinal();
    int client = 1 << LinkFamily.CLIENT.ordinal();
    int billing = 1 << LinkFamily.BILLING.ordinal();
    int content = 1 << LinkFamily.CONTENT.ordinal();
    assertEquals(1, LinkFamily.independent(network | client));
    assertFalse(LinkFamily.enough(network | client, true, false, 2), "an app's servers and its software");
    assertTrue(LinkFamily.enough(billing | client, true, false, 2));
    assertTrue(LinkFamily.enough(content | client, false, true, 2), "a paired template and request shape");
    assertFalse(LinkFamily.enough(content | client, false, false, 2), "unpaired: through different accounts");
    assertFalse(LinkFamily.enough(content | network, false, false, 2), "an ASN and a template only corroborate");
  }
}
