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
 * Hard negative: nightly batch jobs. Each job is one key that runs one fixed template over
 * {@code documentsPerNight} different documents, at temperature 0 with a JSON response format,
 * from one cloud server, starting at 01:00 UTC on weekdays at two to four requests a second.
 */
public final class BatchPipeline implements Cohort {
  private static final long DAY = 86_400_000L;
  private static final String[] TEMPLATES = {
      "Summarize the following customer message in one sentence, then classify its topic as one of: billing, "
          + "technical, account, other. Respond in JSON with keys \"summary\" and \"topic\".\n\nMessage:\n%s",
      "Extract every product, person and organisation mentioned in the text below. Return a JSON object with "
          + "arrays \"products\", \"people\", \"organisations\". Text:\n\"\"\"\n%s\n\"\"\"",
      "Translate the following text into German. Keep formatting and code unchanged. Output only the "
          + "translation.\n\n%s"};

  private final int jobs;
  private final int documentsPerNight;

  /** {@code jobs} nightly jobs of {@code documentsPerNight} documents each. */
  public BatchPipeline(int jobs, int documentsPerNight) {
    this.jobs = jobs;
    this.documentsPerNight = documentsPerNight;
  }

  @Override
  public String name() {
    return "batch-pipeline";
  }

  @Override
  public Label.Kind kind() {
    return Label.Kind.HARD;
  }

  @Override
  public Cohort scaled(double factor) {
    return new BatchPipeline(Cohort.scale(jobs, factor), documentsPerNight);
  }

  @Override
  public List<Actor> actors(Environment env, SplittableRandom random) {
    List<Actor> out = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      out.add(new Job(env, label(), random.split(), TEMPLATES[i % TEMPLATES.length], documentsPerNight));
    }
    return out;
  }

  private static final class Job extends Actor {
    private final Environment env;
    private final Label label;
    private final SplittableRandom random;
    private final String template;
    private final int perNight;
    private final String account;
    private final String payment;
    private final String ip;
    private final String model;
    private final long startOffset;
    private int doneTonight;

    Job(Environment env, Label label, SplittableRandom random, String template, int perNight) {
      this.env = env;
      this.label = label;
      this.random = random;
      this.template = template;
      this.perNight = perNight;
      this.account = Infrastructure.accountId(random);
      this.payment = Infrastructure.paymentId(random);
      this.ip = Infrastructure.cloudIp(random);
      this.model = random.nextBoolean() ? dev.distillwatch.simulator.Environment.MODEL_SMALL
          : dev.distillwatch.simulator.Environment.MODEL_LARGE;
      this.startOffset = 3_600_000L + random.nextInt(3_600_000);
      this.next = nightAfter(env.start());
    }

    private long nightAfter(long t) {
      long day = Math.floorDiv(t, DAY);
      for (long d = day; ; d++) {
        long s = d * DAY + startOffset;
        int dayOfWeek = (int) Math.floorMod(d + 3, 7L);
        if (s >= t && dayOfWeek < 5) {
          return s;
        }
      }
    }

    @Override
    public LabelledExchange emit() {
      long now = next;
      Prompt doc = Requests.any(env.prompts().benign(), random);
      String text = String.format(template, doc.text());
      Exchange e = Exchange.builder().account(account).timestamp(now).prompt(text).model(model)
          .parameters(Requests.params("temperature", 0.0, "max_tokens", 512,
              "response_format", java.util.Map.of("type", "json_object")))
          .ip(ip).userAgent("OpenAI/Python 1.54.3").payment(payment).attribute("country", "US")
          .attribute("asn", Infrastructure.asn(ip)).response(Requests.response(120, text.length(), 512, random)).build();
      if (++doneTonight < perNight) {
        next = now + 250 + random.nextInt(300);
      } else {
        doneTonight = 0;
        next = nightAfter(now + DAY / 2);
      }
      return new LabelledExchange(e, label);
    }
  }
}
