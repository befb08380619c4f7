package dev.distillwatch.simulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.PromptLibrary;
import dev.distillwatch.simulator.Scenario;
import dev.distillwatch.simulator.Scenarios;
import dev.distillwatch.simulator.Simulator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A small version of the standard suite, run as CI runs it: the harness counts the simulator's
 * labels right, every baseline runs without failure, and the run repeats exactly.
 */
class SuiteSmokeTest {
  private static final PromptLibrary PROMPTS = PromptLibrary.fromSystemPropertyOrBundled();

  private static Scenario small() {
    return Scenarios.suite().get(0).scaled(0.25); // hydra on a quarter of the background
  }

  @Test
  void countsLabelsAsTheSimulatorWroteThem() {
    Scenario s = small();
    Map<String, Set<String>> accounts = new TreeMap<>();
    Map<String, Long> requests = new TreeMap<>();
    Iterator<LabelledExchange> it = Simulator.stream(s, PROMPTS);
    long total = 0;
    while (it.hasNext()) {
      LabelledExchange e = it.next();
      accounts.computeIfAbsent(e.label().group(), g -> new HashSet<>()).add(e.exchange().account());
      requests.merge(e.label().group(), 1L, Long::sum);
      total++;
    }
    int cap = Methods.calibratedVolumeCap(s, PROMPTS);
    Report r = Evaluation.run(s, PROMPTS, Methods.baselines(cap));
    assertThat(r.exchanges()).isEqualTo(total);
    assertThat(r.methods()).extracting(MethodResult::method).containsExactly("volume-cap", "prada", "seat", "blacklight");
    for (MethodResult m : r.methods()) {
      assertThat(m.failures()).as(m.method()).isZero();
      Map<String, Long> seenAccounts = new TreeMap<>();
      Map<String, Long> seenRequests = new TreeMap<>();
      for (CohortResult c : m.cohorts()) {
        seenAccounts.put(c.group(), c.accounts());
        seenRequests.put(c.group(), c.requests());
        assertThat(c.flagged()).isBetween(0L, c.accounts());
        assertThat(c.servedBeforeFirstFlag()).isBetween(0.0, 1.0);
        assertThat(c.servedUnflagged()).isBetween(c.servedBeforeFirstFlag(), 1.0);
      }
      Map<String, Long> expectedAccounts = new TreeMap<>();
      accounts.forEach((g, a) -> expectedAccounts.put(g, (long) a.size()));
      assertThat(seenAccounts).isEqualTo(expectedAccounts);
      assertThat(seenRequests).isEqualTo(requests);
      assertThat(m.rocAuc()).isBetween(0.0, 1.0);
    }
    // the volume cap is calibrated on benign users, so it flags the hydra (96 a day) and no benign user
    MethodResult volume = r.methods().get(0);
    assertThat(cap).isBetween(20, 200);
    assertThat(volume.recall()).isEqualTo(1.0);
    assertThat(volume.benignFpr()).isLessThan(0.01);
  }

  @Test
  void repeatsExactly() {
    Scenario s = small();
    List<Method> methods = Methods.baselines(50);
    Report a = Evaluation.run(s, PROMPTS, methods);
    Report b = Evaluation.run(s, PROMPTS, methods);
    assertThat(b.methods()).isEqualTo(a.methods().stream()
        .map(m -> new MethodResult(m.method(), m.benignFpr(), m.hardNegativeFpr(), m.recall(), m.rocAuc(), m.prAuc(),
            m.campaignMedianRequestsBeforeFlag(), m.campaignP95RequestsBeforeFlag(), b.methods().get(a.methods().indexOf(m)).exchangesPerSecond(), m.failures(), m.cohorts(),
            m.atReferenceFpr()))
        .toList());
  }
}
