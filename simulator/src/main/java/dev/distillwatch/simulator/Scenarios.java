package dev.distillwatch.simulator;

import dev.distillwatch.simulator.campaign.Campaign;
import dev.distillwatch.simulator.campaign.CampaignStyle;
import dev.distillwatch.simulator.campaign.Campaigns;
import dev.distillwatch.simulator.population.BatchPipeline;
import dev.distillwatch.simulator.population.BenchmarkRun;
import dev.distillwatch.simulator.population.BenignPopulation;
import dev.distillwatch.simulator.population.Classroom;
import dev.distillwatch.simulator.population.CodingAgent;
import dev.distillwatch.simulator.population.CorporateNat;
import dev.distillwatch.simulator.population.PopularPrompt;
import dev.distillwatch.simulator.population.TutoringApp;
import dev.distillwatch.simulator.population.WrapperApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named scenarios: {@code demo}, the standard suite (one scenario per campaign style, each on
 * the same seven-day background of benign users and hard negatives), and {@code alibaba}, the
 * six-week, 25,000-account campaign.
 */
public final class Scenarios {
  /** The name of the whole standard suite, for {@code evaluate --scenario suite}. */
  public static final String SUITE = "suite";

  private Scenarios() {}

  /** Every named scenario, in a stable order. */
  public static Map<String, Scenario> all() {
    Map<String, Scenario> out = new LinkedHashMap<>();
    out.put("demo", demo());
    for (Scenario s : suite()) {
      out.put(s.name(), s);
    }
    out.put("alibaba", alibaba());
    return out;
  }

  /** The names accepted by {@link #named}, {@value #SUITE} included. */
  public static Set<String> names() {
    Set<String> names = new java.util.LinkedHashSet<>(all().keySet());
    names.add(SUITE);
    return names;
  }

  /**
   * The scenarios called {@code name}: one, or the standard suite for {@value #SUITE}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static List<Scenario> named(String name) {
    if (SUITE.equals(name)) {
      return suite();
    }
    Scenario s = all().get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + names());
    }
    return List.of(s);
  }

  /**
   * A small scenario for a first look (about 20,000 exchanges): 1,000 users, one of each hard
   * negative, a hydra and a slow-and-low campaign, over three days.
   */
  public static Scenario demo() {
    return Scenario.builder("demo").description("1,000 users, every hard negative, hydra and slow-and-low, 3 days")
        .days(3)
        .cohort(BenignPopulation.builder(1_000).build())
        .cohort(new WrapperApp(1, 1_000))
        .cohort(new BatchPipeline(1, 500))
        .cohort(new CodingAgent(3))
        .cohort(new Classroom(1, 25))
        .cohort(new BenchmarkRun(1, 2))
        .cohort(Campaigns.hydra().accounts(20).startDay(0.5).durationDays(2).build())
        .cohort(Campaigns.slowAndLow().accounts(10).durationDays(3).build())
        .build();
  }

  /**
   * The seven-day background every suite scenario shares: 3,000 users and every hard negative,
   * the false-merge cohorts of the coordination detector (300 users of a popular prompt, two
   * companies of 60 employees behind a NAT, 80 users of one tutoring app on their own keys)
   * included.
   */
  public static Scenario.Builder background(String name) {
    return Scenario.builder(name).days(7).releaseDay(3)
        .cohort(BenignPopulation.builder(3_000).build())
        .cohort(new WrapperApp(1, 1_500))
        .cohort(new BatchPipeline(1, 800))
        .cohort(new CodingAgent(6))
        .cohort(new Classroom(1, 30))
        .cohort(new BenchmarkRun(1, 3))
        .cohort(new PopularPrompt(300))
        .cohort(new CorporateNat(2, 60))
        .cohort(new TutoringApp(80));
  }

  /** The standard suite: the background with each campaign style in turn. */
  public static List<Scenario> suite() {
    List<Campaign> campaigns = List.of(Campaigns.hydra().build(), Campaigns.agentic().build(),
        Campaigns.slowAndLow().build(), Campaigns.churn().build(), Campaigns.heavyScraper().build(),
        Campaigns.logprobProbe().build(), Campaigns.selfInstruct().build(), Campaigns.modelPivot().build());
    List<Scenario> out = new ArrayList<>();
    for (Campaign c : campaigns) {
      out.add(background(c.name()).description("background + " + c).cohort(c).build());
    }
    return out;
  }

  /**
   * An Alibaba-scale campaign (after the scale of published accounts of distillation campaigns):
   * about 25,000 accounts and 28.8 million campaign exchanges over six weeks — chain-of-thought
   * (60%), agentic (25%) and self-instruct (15%) operations of about 2,400 concurrently active
   * accounts at 12 requests an hour each, every account retired after about 1,270 requests,
   * through a 20,000-address proxy pool — mixed into a background of 100,000 users (about 5.4
   * million exchanges) and scaled-up hard negatives.
   */
  public static Scenario alibaba() {
    return Scenario.builder("alibaba").days(42).releaseDay(28)
        .description("~25,000 campaign accounts, 28.8M campaign exchanges over 6 weeks, 100,000 benign users")
        .cohort(BenignPopulation.builder(100_000).build())
        .cohort(new WrapperApp(5, 3_000))
        .cohort(new BatchPipeline(3, 2_000))
        .cohort(new CodingAgent(60))
        .cohort(new Classroom(4, 35))
        .cohort(new BenchmarkRun(3, 4))
        .cohort(new PopularPrompt(3_000))
        .cohort(new CorporateNat(5, 100))
        .cohort(alibabaPart("alibaba-cot", CampaignStyle.CHAIN_OF_THOUGHT, 1_429, 12_000))
        .cohort(alibabaPart("alibaba-agentic", CampaignStyle.AGENTIC, 571, 5_000))
        .cohort(alibabaPart("alibaba-self-instruct", CampaignStyle.SELF_INSTRUCT, 381, 3_000))
        .build();
  }

  private static Campaign alibabaPart(String name, CampaignStyle style, int accounts, int proxies) {
    return Campaign.builder(name, style).accounts(accounts).ratePerAccountPerHour(12).requestsPerAccount(1_270)
        .balancing(Campaign.Balancing.ROUND_ROBIN).templates(8).rotateEvery(300).paraphrase(0.5).camouflage(0.05)
        .paymentMethods(Math.max(1, accounts / 25)).proxyPool(proxies).startDay(0).durationDays(42).build();
  }
}
