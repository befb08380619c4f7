package dev.distillwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.simulator.traffic.TrafficLogWriter;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  private static final PromptLibrary PROMPTS = PromptLibrary.fromSystemPropertyOrBundled();

  private static byte[] digest(Scenario scenario) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TrafficLogWriter w = new TrafficLogWriter(out)) {
      Iterator<LabelledExchange> it = Simulator.stream(scenario, PROMPTS);
      while (it.hasNext()) {
        w.write(it.next());
        if (out.size() > 1 << 20) {
          w.flush();
          sha.update(out.toByteArray());
          out.reset();
        }
      }
    }
    sha.update(out.toByteArray());
    return sha.digest();
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
    Scenario demo = Scenarios.demo();
    byte[] first = digest(demo);
    assertThat(digest(demo)).isEqualTo(first);
    assertThat(digest(demo.withSeed(demo.seed() + 1))).isNotEqualTo(first);
  }

  @Test
  void everyCohortAppearsWithItsLabelInTimeOrderWithinTheWindow() {
    Scenario demo = Scenarios.demo();
    Environment env = demo.environment(PROMPTS);
    Map<String, Label.Kind> kinds = new TreeMap<>();
    Map<String, Map<String, Integer>> perAccount = new TreeMap<>();
    Map<String, String> groupOfAccount = new HashMap<>();
    long previous = Long.MIN_VALUE;
    Iterator<LabelledExchange> it = Simulator.stream(demo, PROMPTS);
    while (it.hasNext()) {
      LabelledExchange e = it.next();
      long ts = e.exchange().timestamp();
      assertThat(ts).isGreaterThanOrEqualTo(previous).isGreaterThanOrEqualTo(env.start()).isLessThan(env.end());
      previous = ts;
      kinds.put(e.label().group(), e.label().kind());
      perAccount.computeIfAbsent(e.label().group(), g -> new HashMap<>()).merge(e.exchange().account(), 1, Integer::sum);
      String before = groupOfAccount.putIfAbsent(e.exchange().account(), e.label().group());
      assertThat(before == null || before.equals(e.label().group())).as("an account has one label").isTrue();
    }
    Map<String, Label.Kind> expected = new TreeMap<>();
    for (Cohort c : demo.cohorts()) {
      expected.put(c.name(), c.kind());
    }
    assertThat(kinds).isEqualTo(expected);
    assertThat(perAccount.get("classroom")).hasSize(25);
    assertThat(perAccount.get("wrapper-app")).hasSize(1);
    assertThat(perAccount.get("hydra-cot")).hasSize(20);
    // round-robin load balancing spreads the hydra evenly
    assertThat(perAccount.get("hydra-cot").values().stream().mapToInt(Integer::intValue).max().getAsInt()
        - perAccount.get("hydra-cot").values().stream().mapToInt(Integer::intValue).min().getAsInt()).isLessThanOrEqualTo(1);
  }

  @Test
  void benignActivityIsHeavyTailedAndDiurnal() {
    Scenario s = Scenario.builder("benign-only").days(7)
        .cohort(dev.distillwatch.simulator.population.BenignPopulation.builder(3_000).build()).build();
    Map<String, Integer> counts = new HashMap<>();
    long[] byUtcHour = new long[24];
    Iterator<LabelledExchange> it = Simulator.stream(s, PROMPTS);
    Set<String> texts = new HashSet<>();
    long repeated = 0;
    while (it.hasNext()) {
      LabelledExchange e = it.next();
      counts.merge(e.exchange().account(), 1, Integer::sum);
      byUtcHour[(int) ((e.exchange().timestamp() / 3_600_000L) % 24)]++;
      if (e.exchange().messages().size() == 1 && !texts.add(e.exchange().lastUserText())) {
        repeated++;
      }
    }
    int[] c = counts.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    int median = c[c.length / 2];
    int max = c[c.length - 1];
    assertThat(median).isBetween(2, 12);
    assertThat(max).isGreaterThan(150);
    assertThat(c.length).isBetween(1_500, 3_000);
    long peak = 0;
    long trough = Long.MAX_VALUE;
    for (long h : byUtcHour) {
      peak = Math.max(peak, h);
      trough = Math.min(trough, h);
    }
    assertThat(peak).isGreaterThan(trough * 2); // zones smooth the day but do not flatten it
    assertThat(repeated).as("popular prompts are reused word for word").isGreaterThan(100);
  }

  @Test
  void scalingMultipliesAccounts() {
    Scenario a = Scenarios.alibaba();
    Scenario small = a.scaled(0.01);
    assertThat(((dev.distillwatch.simulator.population.BenignPopulation) small.cohorts().get(0)).accounts())
        .isEqualTo(1_000);
    assertThat(small.cohorts()).extracting(Cohort::name).isEqualTo(a.cohorts().stream().map(Cohort::name).toList());
  }
}
