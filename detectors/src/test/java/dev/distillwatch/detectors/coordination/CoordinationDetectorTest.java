package dev.distillwatch.detectors.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import java.util.HashSet;
import java.util.Set;
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
    for (int i = 0; i < 40 * 60; i++) {
      d.inspect(h.next(t += 30_000));
    }
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
}
