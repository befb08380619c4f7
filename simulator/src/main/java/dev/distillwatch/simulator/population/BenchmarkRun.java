package dev.distillwatch.simulator.population;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.simulator.Actor;
import dev.distillwatch.simulator.Cohort;
import dev.distillwatch.simulator.Environment;
import dev.distillwatch.simulator.Infrastructure;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.Prompt;
import dev.distillwatch.simulator.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hard negative: teams evaluating the model on public benchmarks. Each team's key runs, every
 * few days, every GSM8K item in the prompt set with a fixed few-shot prefix and then every
 * HumanEval and MBPP item, in one burst at five requests a second, temperature 0, from one cloud
 * server.
 */
public final class BenchmarkRun implements Cohort {
  private static final long DAY = 86_400_000L;
  private static final String FEW_SHOT = "Question: There are 15 trees in the grove. Grove workers will plant trees "
      + "in the grove today. After they are done, there will be 21 trees. How many trees did the grove workers plant "
      + "today?\nAnswer: There are 15 trees originally. Then there were 21 trees after some more were planted. So "
      + "there must have been 21 - 15 = 6. The answer is 6.\n\nQuestion: If there are 3 cars in the parking lot and 2 "
      + "more cars arrive, how many cars are in the parking lot?\nAnswer: There are originally 3 cars. 2 more cars "
      + "arrive. 3 + 2 = 5. The answer is 5.\n\nQuestion: %s\nAnswer:";

  private final int teams;
  private final double everyDays;

  /** {@code teams} teams, each running the suite every {@code everyDays} days. */
  public BenchmarkRun(int teams, double everyDays) {
    this.teams = teams;
    this.everyDays = everyDays;
  }

  @Override
  public String name() {
    return "benchmark-eval";
  }

  @Override
  public Label.Kind kind() {
    return Label.Kind.HARD;
  }

  @Override
  public Cohort scaled(double factor) {
    return new BenchmarkRun(Cohort.scale(teams, factor), everyDays);
  }

  @Override
  public List<Actor> actors(Environment env, SplittableRandom random) {
    List<Prompt> items = new ArrayList<>(env.prompts().fromSources(List.of("openai/grade-school-math"), "math"));
    int math = items.size();
    items.addAll(env.prompts().fromSources(List.of("openai/human-eval", "evalplus/evalplus"), "coding"));
    List<Prompt> all = List.copyOf(items);
    List<Actor> out = new ArrayList<>();
    for (int i = 0; i < teams; i++) {
      out.add(new Team(env, label(), random.split(), all, math, everyDays));
    }
    return out;
  }

  private static final class Team extends Actor {
    private final Environment env;
    private final Label label;
    private final SplittableRandom random;
    private final List<Prompt> items;
    private final int mathItems;
    private final long every;
    private final String account;
    private final String payment;
    private final String ip;
    private int item;
    private String model;

    Team(Environment env, Label label, SplittableRandom random, List<Prompt> items, int mathItems, double everyDays) {
      this.env = env;
      this.label = label;
      this.random = random;
      this.items = items;
      this.mathItems = mathItems;
      this.every = (long) (everyDays * DAY);
      this.account = Infrastructure.accountId(random);
      this.payment = Infrastructure.paymentId(random);
      this.ip = Infrastructure.cloudIp(random);
      this.next = env.start() + DAY + (long) (random.nextDouble() * every);
      this.model = env.benignModel(next, random);
    }

    @Override
    public LabelledExchange emit() {
      long now = next;
      Prompt p = items.get(item);
      boolean math = item < mathItems;
      Exchange.Builder b = Exchange.builder().account(account).timestamp(now).model(model)
          .ip(ip).userAgent("python-httpx/0.27.2").payment(payment).attribute("country", "GB")
          .attribute("asn", Infrastructure.asn(ip));
      String text = math ? String.format(FEW_SHOT, p.text()) : p.text();
      if (math) {
        b.prompt(text).parameters(Requests.params("temperature", 0.0, "max_tokens", 512, "stop", List.of("\n\nQuestion:")));
      } else {
        b.system("Complete the following Python code. Output only code.").prompt(text)
            .parameters(Requests.params("temperature", 0.0, "max_tokens", 768));
      }
      b.response(Requests.response(math ? 110 : 160, text.length(), 512, random));
      if (++item < items.size()) {
        next = now + 150 + random.nextInt(100);
      } else {
        item = 0;
        next = now + every;
        model = env.benignModel(next, random);
      }
      return new LabelledExchange(b.build(), label);
    }
  }
}
