package dev.distillwatch.detectors.coordination;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bounded memory, merging two nodes' state, bad input, configuration. */
class CoordinationStateTest {
  private static final long T0 = 1_775_000_000_000L;

  @Test
  void memoryStaysBoundedUnderAFloodOfAccountsAndKeys() {
    CoordinationConfig config = CoordinationConfig.builder().keyCapacity(4_096).campaignCapacity(64).build();
    CoordinationDetector d = CoordinationDetector.create(config, Settings.of(3L, 1_000, Clock.system()));
    SplittableRandom r = new SplittableRandom(9);
    long t = T0;
    // 50,000 accounts, each with its own payment and address, and small hydras among them.
    for (int i = 0; i < 50_000; i++) {
      String pm = i % 10 < 5 ? "pm_shared_" + (i / 50) : "pm_" + i;
      d.inspect(Exchange.builder().account("acct_" + i).timestamp(t += 100)
          .prompt(Traffic.extraction().get(i % Traffic.extraction().size())).ip(Traffic.ip(r)).payment(pm)
          .attribute("asn", "AS" + (i / 50)).build());
    }
    assertTrue(d.trackedAccounts() <= 1_000, "accounts " + d.trackedAccounts());
    assertTrue(d.trackedKeys() <= 4_096, "keys " + d.trackedKeys());
    assertTrue(d.trackedCampaigns() <= 64, "campaigns " + d.trackedCampaigns());
  }

  @Test
  void twoNodesMergedFindTheCampaignsOneNodeFinds() {
    Settings settings = Settings.of(5L, 100_000, Clock.system());
    CoordinationDetector one = CoordinationDetector.create(CoordinationConfig.ofDefaults(), settings);
    CoordinationDetector a = CoordinationDetector.create(CoordinationConfig.ofDefaults(), settings);
    CoordinationDetector b = CoordinationDetector.create(CoordinationConfig.ofDefaults(), settings);
    Traffic.Hydra hydra = new Traffic.Hydra(30, 3, 200, 4);
    SplittableRandom r = new SplittableRandom(2);
    List<String> benign = new ArrayList<>();
    long t = T0;
    for (int i = 0; i < 30 * 50; i++) {
      Exchange e = hydra.next(t += 20_000);
      String user = "user_" + r.nextInt(300);
      if (i < 300) {
        benign.add(user);
      }
      Exchange u = Exchange.builder().account(user).timestamp(t += 1)
          .prompt(Traffic.benign().get(r.nextInt(Traffic.benign().size()))).ip(Traffic.ip(r))
          .payment("pm_" + user).attribute("asn", "AS" + r.nextInt(60_000)).build();
      one.inspect(e);
      one.inspect(u);
      // The stream split between two nodes exchange by exchange.
      (i % 2 == 0 ? a : b).inspect(e);
      (i % 3 == 0 ? a : b).inspect(u);
    }
    a.merge(b);
    assertEquals(partition(one, hydra.accounts), partition(a, hydra.accounts));
    assertEquals(1, partition(a, hydra.accounts).size(), "the hydra is one campaign");
    assertNotNull(a.campaignOf(hydra.accounts[0]));
    for (String user : benign) {
      assertNull(a.campaignOf(user), user);
      assertNull(one.campaignOf(user), user);
    }
  }

  /** Which of {@code accounts} are together, by campaign (ids may differ between runs). */
  private static List<List<String>> partition(CoordinationDetector d, String[] accounts) {
    Map<String, List<String>> byCampaign = new HashMap<>();
    for (String a : accounts) {
      byCampaign.computeIfAbsent(String.valueOf(d.campaignOf(a)), k -> new ArrayList<>()).add(a);
    }
    List<List<String>> out = new ArrayList<>(byCampaign.values());
    out.sort((x, y) -> x.get(0).compareTo(y.get(0)));
    return out;
  }

  @Test
  void badInputNeverThrows() {
    CoordinationDetector d = CoordinationDetector.create(CoordinationConfig.ofDefaults(),
        Settings.of(1L, 1_000, Clock.system()));
    String[] ips = {null, "", "not an ip", "1.2.3", "999.1.2.3.4", "::", "2001:db8::1", "2001:db8:85a3::8a2e:370:7334",
        "fe80::1%eth0", "2001:zzzz::1", "1.2.3.4"};
    for (String ip : ips) {
      Exchange e = Exchange.builder().account("a").timestamp(T0).prompt("hello").ip(ip).build();
      assertDoesNotThrow(() -> d.inspect(e), ip);
    }
    assertDoesNotThrow(() -> d.inspect(Exchange.builder().account("b").timestamp(T0).prompt("").build()));
    assertDoesNotThrow(() -> d.inspect(Exchange.builder().account("c").timestamp(T0).prompt(" ").payment(" ")
        .attribute("asn", "").attribute("ja3", "x").build()));
  }

  @Test
  void networkPrefixes() {
    assertEquals("1.2.3", LinkKeys.networkPrefix("1.2.3.4"));
    assertEquals(LinkKeys.networkPrefix("2001:db8:85a3::1"), LinkKeys.networkPrefix("2001:0db8:85a3:ffff::2"));
    assertTrue(!LinkKeys.networkPrefix("2001:db8:85a3::1").equals(LinkKeys.networkPrefix("2001:db8:85a4::1")));
    assertNull(LinkKeys.networkPrefix("garbage"));
    assertNull(LinkKeys.networkPrefix(null));
  }

  @Test
  void packedDistinctCountsOnALogScale() {
    SplittableRandom r = new SplittableRandom(1);
    for (int n : new int[] {1, 10, 100, 1_000, 10_000}) {
      long reg = 0;
      for (int i = 0; i < n; i++) {
        reg = PackedDistinct.add(reg, r.nextLong());
      }
      double e = PackedDistinct.estimate(reg);
      assertTrue(e > n * 0.4 && e < n * 2.5, n + " -> " + e);
    }
  }

  @Test
  void configurationIsValidated() {
    assertThrows(IllegalArgumentException.class, () -> CoordinationConfig.builder().minimumFamilies(0).build());
    assertThrows(IllegalArgumentException.class,
        () -> CoordinationConfig.builder().rareAccounts(100).hubAccounts(50).build());
    assertEquals(2, CoordinationConfig.ofDefaults().minimumFamilies());
  }
}
