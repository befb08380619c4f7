package dev.distillwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Role;
import dev.distillwatch.simulator.campaign.Campaigns;
import dev.distillwatch.simulator.population.BatchPipeline;
import dev.distillwatch.simulator.population.BenchmarkRun;
import dev.distillwatch.simulator.population.BenignPopulation;
import dev.distillwatch.simulator.population.Classroom;
import dev.distillwatch.simulator.population.CodingAgent;
import dev.distillwatch.simulator.population.WrapperApp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each cohort behaves as documented in docs/simulator.md. */
class CohortsTest {
  private static final PromptLibrary PROMPTS = PromptLibrary.fromSystemPropertyOrBundled();
  private static final long DAY = 86_400_000L;
  private static final Map<String, List<Exchange>> BY_GROUP = new HashMap<>();
  private static Environment env;

  @BeforeAll
  static void generate() {
    Scenario s = Scenario.builder("cohorts").days(7).releaseDay(3)
        .cohort(BenignPopulation.builder(500).build())
        .cohort(new WrapperApp(1, 500))
        .cohort(new BatchPipeline(1, 200))
        .cohort(new CodingAgent(2))
        .cohort(new Classroom(1, 20))
        .cohort(new BenchmarkRun(1, 3))
        .cohort(Campaigns.churn().build())
        .cohort(Campaigns.logprobProbe().build())
        .cohort(Campaigns.modelPivot().build())
        .cohort(Campaigns.slowAndLow().build())
        .build();
    env = s.environment(PROMPTS);
    Iterator<LabelledExchange> it = Simulator.stream(s, PROMPTS);
    while (it.hasNext()) {
      LabelledExchange e = it.next();
      BY_GROUP.computeIfAbsent(e.label().group(), g -> new ArrayList<>()).add(e.exchange());
    }
  }

  private static Set<String> accounts(String group) {
    Set<String> out = new HashSet<>();
    BY_GROUP.get(group).forEach(e -> out.add(e.account()));
    return out;
  }

  @Test
  void wrapperAppIsOneKeyWithOneSystemPromptFromOneCloudSlash24() {
    List<Exchange> w = BY_GROUP.get("wrapper-app");
    assertThat(accounts("wrapper-app")).hasSize(1);
    Set<String> systems = new HashSet<>();
    Set<String> nets = new HashSet<>();
    Set<String> texts = new HashSet<>();
    for (Exchange e : w) {
      assertThat(e.messages().get(0).role()).isEqualTo(Role.SYSTEM);
      systems.add(e.messages().get(0).text());
      nets.add(e.ip().substring(0, e.ip().lastIndexOf('.')));
      texts.add(e.lastUserText());
    }
    assertThat(systems).hasSize(1);
    assertThat(nets).hasSize(1);
    assertThat(texts.size()).isGreaterThan(w.size() / 3); // broad content
    assertThat(w.size()).isBetween(2_500, 4_500); // ~500 a day
  }

  @Test
  void batchPipelineIsOneTemplateAtTemperatureZeroInNightlyBursts() {
    List<Exchange> b = BY_GROUP.get("batch-pipeline");
    assertThat(accounts("batch-pipeline")).hasSize(1);
    assertThat(b).hasSize(5 * 200); // five weekdays
    String prefix = b.get(0).lastUserText().substring(0, 40);
    for (Exchange e : b) {
      assertThat(e.parameters().temperature().getAsDouble()).isZero();
      assertThat(e.lastUserText()).startsWith(prefix);
      long hourOfDay = (e.timestamp() % DAY) / 3_600_000L;
      assertThat(hourOfDay).isBetween(1L, 3L);
    }
  }

  @Test
  void codingAgentsSendToolsAndGrowingContext() {
    List<Exchange> c = BY_GROUP.get("coding-agent");
    assertThat(accounts("coding-agent")).hasSize(2);
    int grew = 0;
    Map<String, Integer> last = new HashMap<>();
    for (Exchange e : c) {
      assertThat(e.parameters().toolCount()).isEqualTo(7);
      Integer before = last.put(e.account(), e.messages().size());
      if (before != null && e.messages().size() > before) {
        grew++;
      }
    }
    assertThat(grew).isGreaterThan(c.size() / 2);
    assertThat(c.size()).isGreaterThan(1_000); // high volume
  }

  @Test
  void classroomIsOneNatSlash24OneHourOneAssignment() {
    List<Exchange> c = BY_GROUP.get("classroom");
    assertThat(accounts("classroom")).hasSize(20);
    Set<String> nets = new HashSet<>();
    long first = Long.MAX_VALUE;
    long lastTs = Long.MIN_VALUE;
    Map<String, Set<String>> sendersByText = new HashMap<>();
    for (Exchange e : c) {
      nets.add(e.ip().substring(0, e.ip().lastIndexOf('.')));
      first = Math.min(first, e.timestamp());
      lastTs = Math.max(lastTs, e.timestamp());
      sendersByText.computeIfAbsent(e.lastUserText(), t -> new HashSet<>()).add(e.account());
      assertThat(e.org()).isNotNull();
    }
    assertThat(nets).hasSize(1);
    assertThat(lastTs - first).isLessThan(3_600_000L); // one lab in a one-week scenario
    int shared = 0;
    for (Set<String> senders : sendersByText.values()) {
      shared = Math.max(shared, senders.size());
    }
    assertThat(shared).isGreaterThanOrEqualTo(5); // the same problem, word for word, from many students
  }

  @Test
  void benchmarkRunIsABurstOfPublicItems() {
    List<Exchange> b = BY_GROUP.get("benchmark-eval");
    assertThat(accounts("benchmark-eval")).hasSize(1);
    long span = b.get(Math.min(99, b.size() - 1)).timestamp() - b.get(0).timestamp();
    assertThat(span).isLessThan(100 * 300L); // at least 3 a second
    assertThat(b.get(0).lastUserText()).contains("Question:");
  }

  @Test
  void churnRetiresAccountsAndSharesAProxyPool() {
    List<Exchange> c = BY_GROUP.get("churn");
    Set<String> ips = new HashSet<>();
    Set<String> payments = new HashSet<>();
    Map<String, Integer> perAccount = new HashMap<>();
    for (Exchange e : c) {
      ips.add(e.ip());
      payments.add(e.payment());
      perAccount.merge(e.account(), 1, Integer::sum);
    }
    // 15 active at 3 an hour for 5 days, ~60 requests each: about 5,400 requests, 90-120 accounts
    assertThat(c.size()).isBetween(4_500, 6_500);
    assertThat(perAccount.size()).isBetween(70, 140);
    assertThat(perAccount.values().stream().mapToInt(Integer::intValue).max().getAsInt()).isLessThanOrEqualTo(90);
    assertThat(ips.size()).isLessThanOrEqualTo(500);
    assertThat(payments).hasSize(6);
  }

  @Test
  void probesAskForOneTokenWithLogprobsAndSomeWithAWideLogitBias() {
    List<Exchange> p = BY_GROUP.get("logprob-probe");
    int biased = 0;
    int camouflage = 0;
    for (Exchange e : p) {
      if (e.parameters().logprobs()) {
        assertThat(e.parameters().maxTokens().getAsInt()).isEqualTo(1);
        if (e.parameters().logitBiasSize() >= 50) {
          biased++;
        }
      } else {
        camouflage++;
      }
    }
    assertThat((double) biased / p.size()).isBetween(0.2, 0.4);
    assertThat(camouflage).isZero();
  }

  @Test
  void pivotMovesToTheNewModelAtReleaseWhileUsersFollowSlowly() {
    long release = env.release();
    long campaignNew = 0;
    long campaignAfter = 0;
    for (Exchange e : BY_GROUP.get("model-pivot")) {
      if (e.timestamp() >= release && !Environment.MODEL_SMALL.equals(e.model())) { // camouflage may use the small model
        campaignAfter++;
        if (Environment.MODEL_NEW.equals(e.model())) {
          campaignNew++;
        }
      }
      if (e.timestamp() < release) {
        assertThat(e.model()).isNotEqualTo(Environment.MODEL_NEW);
      }
    }
    assertThat((double) campaignNew / campaignAfter).isGreaterThan(0.85); // camouflage aside
    long benignNew = 0;
    long benignAfter = 0;
    for (Exchange e : BY_GROUP.get("benign")) {
      if (e.timestamp() >= release) {
        benignAfter++;
        if (Environment.MODEL_NEW.equals(e.model())) {
          benignNew++;
        }
      }
    }
    assertThat((double) benignNew / benignAfter).isBetween(0.05, 0.3);
  }

  @Test
  void slowAndLowStaysAtBenignRatesWithCamouflage() {
    Map<String, Integer> perAccount = new HashMap<>();
    for (Exchange e : BY_GROUP.get("slow-low")) {
      perAccount.merge(e.account(), 1, Integer::sum);
    }
    assertThat(perAccount).hasSize(30);
    // ~6 a day in office hours on weekdays: well under the benign p99 of ~95 a week
    assertThat(perAccount.values().stream().mapToInt(Integer::intValue).max().getAsInt()).isLessThan(95);
  }
}
