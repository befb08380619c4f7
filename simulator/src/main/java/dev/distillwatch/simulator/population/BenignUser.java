package dev.distillwatch.simulator.population;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.Role;
import dev.distillwatch.simulator.Actor;
import dev.distillwatch.simulator.Diurnal;
import dev.distillwatch.simulator.Infrastructure;
import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.Prompt;
import dev.distillwatch.simulator.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One ordinary user: sessions in local daytime, conversations, a persona's topics. */
final class BenignUser extends Actor {
  private static final long WEEK = 7L * 24 * 3600 * 1000;
  private static final int MAX_CONTEXT = 12;

  enum Persona { GENERAL, STUDENT, DEVELOPER }

  private static final String[] HOMEWORK = {
      "%s", "Can you help me with this homework problem? %s", "%s Please explain step by step.",
      "How do I solve this: %s", "%s\nshow your work", "%s\n\nI got a different answer, can you walk me through it?",
      "Solve: %s"};
  private static final String[] FOLLOW_UPS = {
      "Can you explain that in more detail?", "Thanks. Can you give me an example?", "Make it shorter please.",
      "Why is that?", "ok and how would I do that in python?", "That didn't work, I get an error. Any idea why?",
      "Can you summarize that as a bulleted list?", "Can you rewrite it in a more formal tone?",
      "What are the pros and cons?", "hmm are you sure? I thought it was the other way round",
      "Can you check your answer again step by step?", "thanks!! one more thing"};
  private static final Parameters[] CLIENT_STYLES = {
      Parameters.none(), Requests.params("temperature", 0.7), Requests.params("temperature", 1.0, "max_tokens", 1024),
      Requests.params("stream", true), Requests.params("temperature", 0.2, "max_tokens", 2048, "stream", true)};
  private static final double[] CLIENT_STYLE_SHARES = {0.35, 0.25, 0.15, 0.15, 0.10};

  private final BenignPopulation.Shared shared;
  private final SplittableRandom random;
  private final Persona persona;
  private final double meanPerMilli;
  private final double meanSessionLength;
  private final double followUpShare;
  private final double popularShare;
  private final String account;
  private final int offset;
  private final String country;
  private final String homeIp;
  private final String mobileIp;
  private final String asn;
  private final String userAgent;
  private final String payment;
  private final Parameters style;
  private final List<Message> context = new ArrayList<>();
  private String topicDomain = "unknown";
  private int remainingInSession;

  BenignUser(BenignPopulation.Shared shared, SplittableRandom random, double weeklyRequests, Persona persona,
      double meanSessionLength, double followUpShare, double popularShare) {
    this.shared = shared;
    this.random = random;
    this.persona = persona;
    this.meanSessionLength = meanSessionLength;
    this.followUpShare = followUpShare;
    this.popularShare = popularShare;
    // sessions per week, so that requests per week average weeklyRequests
    this.meanPerMilli = weeklyRequests / meanSessionLength / WEEK;
    this.account = Infrastructure.accountId(random);
    int zone = Infrastructure.zone(random);
    this.offset = Infrastructure.offsetMinutes(zone);
    this.country = Infrastructure.country(zone);
    this.homeIp = Infrastructure.residentialIp(random);
    this.mobileIp = Infrastructure.residentialIp(random);
    this.asn = Infrastructure.asn(homeIp);
    this.userAgent = Infrastructure.userAgent(random);
    this.payment = Infrastructure.paymentId(random);
    this.style = CLIENT_STYLES[Infrastructure.pick(CLIENT_STYLE_SHARES, random)];
    this.next = Diurnal.PERSONAL.next(shared.env().start(), meanPerMilli, offset, random);
    startSession();
  }

  private void startSession() {
    // 1 + geometric with mean meanSessionLength - 1
    double p = 1.0 / meanSessionLength;
    int extra = p >= 1 ? 0 : (int) (StrictMath.log(1.0 - random.nextDouble()) / StrictMath.log(1.0 - p));
    remainingInSession = 1 + Math.min(extra, 200);
    context.clear();
  }

  @Override
  public LabelledExchange emit() {
    long now = next;
    Exchange.Builder b = Exchange.builder().account(account).timestamp(now);
    String text;
    if (!context.isEmpty() && random.nextDouble() < followUpShare) {
      text = random.nextDouble() < 0.6 ? Requests.any(FOLLOW_UPS, random) : newTopic(true);
    } else {
      context.clear();
      text = newTopic(false);
    }
    List<Message> messages = new ArrayList<>(context);
    messages.add(Message.of(Role.USER, text));
    b.messages(messages);
    int chars = 0;
    for (Message m : messages) {
      chars += m.text().length();
    }
    int maxTokens = style.maxTokens().orElse(-1);
    double median = "coding".equals(topicDomain) || "math".equals(topicDomain) ? 450 : 300;
    b.model(shared.env().benignModel(now, random)).parameters(style)
        .ip(random.nextDouble() < 0.15 ? mobileIp : homeIp).userAgent(userAgent).payment(payment)
        .attribute("country", country).response(Requests.response(median, chars, maxTokens, random));
    b.attribute("asn", asn);
    Exchange exchange = b.build();

    context.add(Message.of(Role.USER, text));
    context.add(Message.of(Role.ASSISTANT, Requests.assistantPlaceholder(random)));
    while (context.size() > MAX_CONTEXT) {
      context.remove(0);
    }
    if (--remainingInSession > 0) {
      next = now + Diurnal.logNormal(75_000, 0.9, random);
    } else {
      next = Diurnal.PERSONAL.next(now + 600_000, meanPerMilli, offset, random);
      startSession();
    }
    return new LabelledExchange(exchange, shared.label());
  }

  private String newTopic(boolean sameDomain) {
    if (!sameDomain && random.nextDouble() < popularShare) {
      Prompt[] pop = shared.popular();
      int i = Math.min(pop.length - 1, (int) StrictMath.pow(pop.length + 1, random.nextDouble()) - 1);
      topicDomain = pop[i].domain();
      return pop[i].text();
    }
    double u = random.nextDouble();
    Prompt p;
    switch (persona) {
      case STUDENT:
        if (u < 0.6) {
          p = Requests.any(shared.homeworkMath(), random);
          topicDomain = "math";
          return String.format(Requests.any(HOMEWORK, random), p.text());
        }
        p = Requests.any(u < 0.8 ? shared.benignMath() : shared.all(), random);
        break;
      case DEVELOPER:
        p = Requests.any(u < 0.5 ? shared.benignCoding() : u < 0.7 ? shared.everydayCoding() : shared.all(), random);
        break;
      default:
        p = Requests.any(shared.all(), random);
    }
    topicDomain = p.domain();
    return p.text();
  }

  @Override
  public String toString() {
    return "BenignUser{" + account + ", " + persona + "}";
  }
}
