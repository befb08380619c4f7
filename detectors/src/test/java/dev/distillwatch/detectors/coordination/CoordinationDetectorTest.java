package dev.distillwatch.detectors.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Level;
import dev.distillwatch.core.Verdict;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoordinationDetectorTest {
  private static final long T0 = 1_775_000_000_000L;
  private static final Settings SETTINGS = Settings.of(7L, 100_000, Clock.system());

  private static CoordinationDetector detector() {
    return CoordinationDetector.create(CoordinationConfig.ofDefaults(), SETTINGS);
  }

  @Test
  void hydraIsMergedIntoOneCampaignAndItsLowVolumeMembersAreFlagged() {
    CoordinationDetector d = detector();
    Traffic.Hydra h = new Traffic.Hydra(40, 4, 300, 1);
    long t = T0;
    String early = null;
    for (int i = 0; i < 40 * 60; i++) {
      d.inspect(h.next(t += 30_000));
      if (i == 40 * 10) {
        early = d.campaignOf(h.accounts[0]);
      }
    }
    assertNotNull(early, "merged within ten rounds");
    assertEquals(early, d.campaignOf(h.accounts[0]), "the campaign id is stable as it grows");
    Set<String> ids = new HashSet<>();
    for (String a : h.accounts) {
      ids.add(d.campaignOf(a));
    }
    assertEquals(1, ids.size(), "one campaign: " + ids);
    assertNotNull(ids.iterator().next());
    // A fresh member with a handful of requests is flagged on the campaign's evidence.
    Traffic.Hydra late = h;
    String newcomer = "hydra_new";
    Signal s = null;
    for (int i = 0; i < 15; i++) {
      Exchange e = late.next(t += 30_000).toBuilder().account(newcomer).payment(h.payments[0]).build();
      s = d.inspect(e);
    }
    assertTrue(s.score() >= 0.8, s.toString());
    assertEquals(ids.iterator().next(), s.campaign());
  }

  @Test
  void aLongCampaignThatRepeatsItsTaskSetStillScoresItsLateMembers() {
    // 40 accounts through 200 tasks, 12,000 requests: each task sent 60 times, so only 2% of the
    // requests bring a new task; a member joining now is still scored as the campaign.
    CoordinationDetector d = detector();
    Traffic.Hydra h = new Traffic.Hydra(40, 4, 300, 3);
    h.taskPool = 200;
    long t = T0;
    for (int i = 0; i < 12_000; i++) {
      d.inspect(h.next(t += 30_000));
    }
    Signal s = null;
    for (int i = 0; i < 15; i++) {
      s = d.inspect(h.next(t += 30_000).toBuilder().account("hydra_late").payment(h.payments[0]).build());
    }
    assertTrue(s.score() >= 0.5, s.toString());
    assertNotNull(s.campaign());
  }

  @Test
  void aMemberWhoseOwnRequestsShowNoneOfTheHarvestDoesNotCarryTheCampaignsScore() {
    // A user whose card the operator also used and whose home /24 is one of its proxy exits is
    // linked into the hydra; but the user's own requests are ordinary prompts in the user's own
    // client shape, with no template and no reasoning asked for.
    CoordinationDetector d = detector();
    Traffic.Hydra h = new Traffic.Hydra(40, 4, 300, 5);
    long t = T0;
    for (int i = 0; i < 40 * 40; i++) {
      d.inspect(h.next(t += 30_000));
    }
    String proxy = h.proxies[0];
    String home = proxy.substring(0, proxy.lastIndexOf('.') + 1) + "77";
    Signal s = null;
    for (int i = 0; i < 30; i++) {
      s = d.inspect(Exchange.builder().account("card_owner").timestamp(t += 600_000).ip(home)
          .payment(h.payments[0]).userAgent("Mozilla/5.0").prompt(Traffic.benign().get(i * 31 % Traffic.benign().size()))
          .parameters(Parameters.of(Map.of("temperature", 0.7))).build());
    }
    assertNotNull(d.campaignOf("card_owner"), "linked: a shared card and a shared /24");
    assertTrue(s.score() < 0.5, s.toString());
  }

  @Test
  void anInstructionNotToShowTheReasoningIsNotCountedAsEliciting() {
    // The same hydra, told to keep its reasoning to itself: a template campaign, not a reasoning
    // harvest ("do not show your reasoning" holds "show your reasoning").
    CoordinationDetector d = detector();
    Traffic.Hydra h = new Traffic.Hydra(40, 4, 300, 9);
    h.templates[0] = "%s\n\nDo not show your reasoning; give only the final answer.";
    h.templates[1] = "Question: %s\n\nDon't show your reasoning, state the final answer on its own line.";
    long t = T0;
    Signal s = null;
    for (int i = 0; i < 40 * 20; i++) {
      s = d.inspect(h.next(t += 30_000));
    }
    assertNotNull(s.campaign(), s.toString());
    assertTrue(s.evidence().contains(" 0% eliciting reasoning"), s.evidence());
  }

  @Test
  void theDefaultPipelineFlagsALateMemberWithTheCampaignsId() {
    DistillWatch watch = DistillWatch.builder().defaults().seed(17L).build();
    Traffic.Hydra h = new Traffic.Hydra(30, 3, 200, 8);
    long t = T0;
    for (int i = 0; i < 30 * 40; i++) {
      watch.inspect(h.next(t += 30_000));
    }
    Verdict v = null;
    for (int i = 0; i < 15; i++) {
      Exchange e = h.next(t += 30_000).toBuilder().account("hydra_late").payment(h.payments[1]).build();
      v = watch.inspect(e);
    }
    assertTrue(v.level().atLeast(Level.FLAG), v.toString());
    assertTrue(v.campaign().isPresent(), v.toString());
  }

  @Test
  void concurrentInspectionFindsOneCampaign() throws Exception {
    CoordinationDetector d = detector();
    Traffic.Hydra a = new Traffic.Hydra(20, 2, 100, 21);
    Exchange[] stream = new Exchange[20 * 60];
    long t = T0;
    for (int i = 0; i < stream.length; i++) {
      stream[i] = a.next(t += 10_000);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> even = pool.submit(() -> {
        for (int i = 0; i < stream.length; i += 2) {
          d.inspect(stream[i]);
        }
      });
      Future<?> odd = pool.submit(() -> {
        for (int i = 1; i < stream.length; i += 2) {
          d.inspect(stream[i]);
        }
      });
      even.get();
      odd.get();
    } finally {
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    Set<String> ids = new HashSet<>();
    for (String account : a.accounts) {
      ids.add(d.campaignOf(account));
    }
    assertEquals(1, ids.size(), ids.toString());
    assertNotNull(ids.iterator().next());
  }
}
