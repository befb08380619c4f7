package dev.distillwatch.simulator.campaign;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.Role;
import dev.distillwatch.simulator.Actor;
import dev.distillwatch.simulator.Diurnal;
import dev.distillwatch.simulator.Environment;
import dev.distillwatch.simulator.Infrastructure;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.Prompt;
import dev.distillwatch.simulator.Requests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The operator of one campaign: schedules its requests and spreads them over its accounts. */
final class CampaignOperator extends Actor {
  private static final long DAY = 86_400_000L;

  private final Campaign c;
  private final Environment env;
  private final Label label;
  private final SplittableRandom random;
  private final long start;
  private final long end;
  private final int zone;
  private final Slot[] slots;
  private final String[] proxies;
  private final String[] proxyAsns;
  private final String[] payments;
  private final Templates.Template[] templates;
  private final List<List<Object>> toolSets = new ArrayList<>();
  private final List<Prompt> tasks;
  private final List<Prompt> seeds;
  private int[] taskOrder;
  private int taskCursor;
  private int turn;

  /** One active account of the campaign. */
  private static final class Slot {
    String account;
    String payment;
    String ip;
    String asn;
    String userAgent;
    String country;
    int sent;
    int lifetime;
    int template;
  }

  CampaignOperator(Campaign c, Environment env, Label label, SplittableRandom random) {
    this.c = c;
    this.env = env;
    this.label = label;
    this.random = random;
    this.start = env.start() + (long) (c.startDay * DAY);
    this.end = Math.min(env.end(), start + (long) (c.durationDays * DAY));
    this.zone = Infrastructure.zone(random);
    this.proxies = new String[c.proxyPool];
    this.proxyAsns = new String[c.proxyPool];
    for (int i = 0; i < proxies.length; i++) {
      proxies[i] = Infrastructure.residentialIp(random);
      proxyAsns[i] = Infrastructure.asn(proxies[i]);
    }
    this.payments = new String[c.paymentMethods];
    for (int i = 0; i < payments.length; i++) {
      payments[i] = Infrastructure.paymentId(random);
    }
    this.templates = new Templates.Template[c.templates];
    for (int i = 0; i < templates.length; i++) {
      templates[i] = c.style == CampaignStyle.AGENTIC ? Templates.agentic(random) : Templates.chainOfThought(random);
      toolSets.add(Requests.tools(5 + random.nextInt(4), random));
    }
    switch (c.style) {
      case AGENTIC:
        tasks = env.prompts().extractionIn("agentic");
        break;
      case LOGPROB_PROBE:
        tasks = env.prompts().extraction();
        break;
      default:
        tasks = env.prompts().extractionIn("math", "reasoning", "coding", "chat");
    }
    this.taskOrder = new int[tasks.size()];
    for (int i = 0; i < taskOrder.length; i++) {
      taskOrder[i] = i;
    }
    this.taskCursor = taskOrder.length;
    this.seeds = env.prompts().fromSources(List.of("yizhongw/self-instruct"), "chat");
    this.slots = new Slot[c.accounts];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = fresh(0.1);
    }
    this.next = start < end ? arrival(start) : Long.MAX_VALUE;
  }

  private Slot fresh(double minLifetime) {
    Slot s = new Slot();
    s.account = Infrastructure.accountId(random);
    s.payment = payments.length > 0 ? payments[random.nextInt(payments.length)] : Infrastructure.paymentId(random);
    int z = Infrastructure.zone(random);
    s.country = Infrastructure.country(z);
    s.ip = Infrastructure.residentialIp(random);
    s.asn = Infrastructure.asn(s.ip);
    s.userAgent = Infrastructure.userAgent(random);
    s.template = random.nextInt(templates.length);
    s.lifetime = c.requestsPerAccount == Integer.MAX_VALUE ? Integer.MAX_VALUE
        : Math.max(1, (int) (c.requestsPerAccount * (minLifetime + random.nextDouble() * (1.5 - minLifetime))));
    return s;
  }

  private long arrival(long from) {
    double rate = c.accounts * c.ratePerAccountPerHour / 3_600_000.0;
    if (c.pivotToNewModel && from >= env.release()) {
      rate *= c.pivotSurge;
    }
    long t = (c.officeHours ? Diurnal.OFFICE : Diurnal.FLAT).next(from, rate, Infrastructure.offsetMinutes(zone), random);
    return t < end ? t : Long.MAX_VALUE;
  }

  @Override
  public LabelledExchange emit() {
    long now = next;
    int i = c.balancing == Campaign.Balancing.ROUND_ROBIN ? turn++ % slots.length : random.nextInt(slots.length);
    Slot s = slots[i];
    int proxy = proxies.length > 0 ? random.nextInt(proxies.length) : -1;
    String ip = proxy >= 0 ? proxies[proxy] : s.ip;
    Exchange.Builder b = Exchange.builder().account(s.account).timestamp(now).ip(ip).userAgent(s.userAgent)
        .payment(s.payment).attribute("country", s.country).attribute("asn", proxy >= 0 ? proxyAsns[proxy] : s.asn);
    boolean pivoted = c.pivotToNewModel && now >= env.release();
    if (random.nextDouble() < c.camouflage) {
      camouflage(b, now);
    } else {
      Templates.Template t = templates[(s.template + s.sent / c.rotateEvery) % templates.length];
      switch (c.style) {
        case AGENTIC:
          agentic(b, t, (s.template + s.sent / c.rotateEvery) % templates.length);
          break;
        case LOGPROB_PROBE:
          probe(b);
          break;
        case SELF_INSTRUCT:
          selfInstruct(b);
          break;
        default:
          chainOfThought(b, t);
      }
      b.model(pivoted ? Environment.MODEL_NEW : Environment.MODEL_LARGE);
    }
    Exchange e = b.build();
    if (++s.sent >= s.lifetime) {
      slots[i] = fresh(0.5);
    }
    next = arrival(now);
    return new LabelledExchange(e, label);
  }

  private void camouflage(Exchange.Builder b, long now) {
    Prompt p = Requests.any(env.prompts().benign(), random);
    b.prompt(p.text()).model(env.benignModel(now, random)).parameters(Requests.params("temperature", 0.7))
        .response(Requests.response(300, p.text().length(), -1, random));
  }

  private void chainOfThought(Exchange.Builder b, Templates.Template t) {
    String text = t.render(nextTask(), c.paraphrase, random);
    if (t.system() != null) {
      b.system(t.system());
    }
    b.prompt(text).parameters(Requests.params("temperature", 0.6, "max_tokens", 8192))
        .response(Requests.response(900, text.length(), 8192, random));
  }

  private void agentic(Exchange.Builder b, Templates.Template t, int index) {
    String text = t.render(nextTask(), c.paraphrase, random);
    List<Message> messages = new ArrayList<>();
    messages.add(Message.of(Role.SYSTEM, t.system()));
    messages.add(Message.of(Role.USER, text));
    if (random.nextDouble() < 0.3) {
      messages.add(Message.of(Role.ASSISTANT, "I'll start by gathering the information I need. [tool call]"));
      messages.add(Message.of(Role.TOOL, "{\"status\": \"ok\", \"results\": 3}"));
    }
    b.messages(messages).parameters(Requests.params("temperature", 0.3, "max_tokens", 4096,
        "tools", toolSets.get(index), "tool_choice", "auto"))
        .response(Requests.response(600, text.length(), 4096, random));
  }

  private void probe(Exchange.Builder b) {
    String task = nextTask();
    String text = task.length() > 600 ? task.substring(0, 600) : task;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("temperature", 0.0);
    p.put("max_tokens", 1);
    p.put("logprobs", true);
    p.put("top_logprobs", 20);
    if (random.nextDouble() < c.logitBiasShare) {
      Map<String, Object> bias = new LinkedHashMap<>();
      int n = 50 + random.nextInt(250);
      int base = random.nextInt(90_000);
      for (int k = 0; k < n; k++) {
        bias.put(Integer.toString(base + k * 7), random.nextBoolean() ? 100 : -100);
      }
      p.put("logit_bias", bias);
    }
    b.prompt(text).parameters(Parameters.of(p)).response(Requests.response(1, text.length(), 1, random));
  }

  private void selfInstruct(Exchange.Builder b) {
    int n = 3 + random.nextInt(6);
    int want = 10 + 5 * random.nextInt(3);
    StringBuilder sb = new StringBuilder();
    String opener = random.nextDouble() < c.paraphrase
        ? Templates.paraphrase("Come up with a series of " + want + " diverse task instructions.", random)
        : "You are asked to come up with a set of " + want + " diverse task instructions. These task instructions "
            + "will be given to a GPT model and we will evaluate the GPT model for completing the instructions.";
    sb.append(opener).append("\n\nHere are some examples:\n");
    for (int k = 1; k <= n; k++) {
      sb.append(k).append(". ").append(Requests.any(seeds, random).text().replace('\n', ' ')).append('\n');
    }
    sb.append(n + 1).append('.');
    String text = sb.toString();
    b.prompt(text).parameters(Requests.params("temperature", 1.0, "top_p", 1.0, "max_tokens", 3072))
        .response(Requests.response(1400, text.length(), 3072, random));
  }

  /**
   * The next task: the task set is worked through in a shuffled order, each task once before any
   * repeats, as a campaign collecting answers to a task set would.
   */
  private String nextTask() {
    if (taskCursor == taskOrder.length) {
      for (int i = taskOrder.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = taskOrder[i];
        taskOrder[i] = taskOrder[j];
        taskOrder[j] = t;
      }
      taskCursor = 0;
    }
    return tasks.get(taskOrder[taskCursor++]).text();
  }

  @Override
  public String toString() {
    return "CampaignOperator{" + c.name + "}";
  }
}
