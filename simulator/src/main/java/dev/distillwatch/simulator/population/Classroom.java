package dev.distillwatch.simulator.population;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Role;
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
 * Hard negative: classes. Each class has {@code students} accounts of one university
 * organisation behind one NAT /24 (three addresses). Every week, in a one-hour lab on Tuesday at
 * 10:00 UTC-5, each student works through the same assignment of five grade-school math problems,
 * asking for step-by-step solutions, most pasting the problem word for word, with a few
 * follow-ups.
 */
public final class Classroom implements Cohort {
  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;
  private static final String[] ASKS = {
      "%s\nExplain step by step.", "%s Show your reasoning step by step.", "Can you solve this step by step? %s",
      "%s", "Help me understand how to solve this: %s", "%s\nPlease show all the steps, I need to understand the method."};
  private static final String[] FOLLOW_UPS = {
      "Why did you multiply there?", "Can you explain step 2 again?", "Is there a faster way?",
      "I got a different answer, where did I go wrong?", "thank you"};

  private final int classes;
  private final int students;

  /** {@code classes} classes of {@code students} students each. */
  public Classroom(int classes, int students) {
    this.classes = classes;
    this.students = students;
  }

  @Override
  public String name() {
    return "classroom";
  }

  @Override
  public Label.Kind kind() {
    return Label.Kind.HARD;
  }

  @Override
  public Cohort scaled(double factor) {
    return new Classroom(Cohort.scale(classes, factor), students);
  }

  @Override
  public List<Actor> actors(Environment env, SplittableRandom random) {
    List<Prompt> problems = env.prompts().extractionIn("math");
    List<Actor> out = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      SplittableRandom cr = random.split();
      String nat = Infrastructure.residentialIp(cr);
      String org = "org_univ_" + Long.toHexString(cr.nextLong() & 0xffffffL);
      long assignmentSeed = cr.nextLong();
      for (int s = 0; s < students; s++) {
        out.add(new Student(env, label(), cr.split(), problems, nat, org, assignmentSeed, c));
      }
    }
    return out;
  }

  private static final class Student extends Actor {
    private final Environment env;
    private final Label label;
    private final SplittableRandom random;
    private final List<Prompt> problems;
    private final String account;
    private final String ip;
    private final String org;
    private final String userAgent;
    private final long assignmentSeed;
    private final long labOffset;
    private final List<Message> context = new ArrayList<>();
    private int problem;
    private long labStart;

    Student(Environment env, Label label, SplittableRandom random, List<Prompt> problems, String nat, String org,
        long assignmentSeed, int classIndex) {
      this.env = env;
      this.label = label;
      this.random = random;
      this.problems = problems;
      this.account = Infrastructure.accountId(random);
      this.ip = Infrastructure.sameSlash24(nat, 20 + random.nextInt(3));
      this.org = org;
      this.userAgent = random.nextDouble() < 0.7 ? "OpenAI/Python 1.54.3" : Infrastructure.userAgent(random);
      this.assignmentSeed = assignmentSeed;
      this.labOffset = classIndex * 2 * HOUR;
      scheduleLab(env.start());
    }

    private void scheduleLab(long after) {
      long day = Math.floorDiv(after, DAY);
      for (long d = day; ; d++) {
        long lab = d * DAY + 15 * HOUR + labOffset; // Tuesday 10:00 UTC-5
        if ((int) Math.floorMod(d + 3, 7L) == 1 && lab >= after) {
          labStart = lab;
          problem = 0;
          next = lab + random.nextInt(600_000);
          return;
        }
      }
    }

    @Override
    public LabelledExchange emit() {
      long now = next;
      boolean followUp = !context.isEmpty() && random.nextDouble() < 0.35;
      String text;
      if (followUp) {
        text = Requests.any(FOLLOW_UPS, random);
      } else {
        context.clear();
        long week = Math.floorDiv(labStart, 7 * DAY);
        SplittableRandom pick = new SplittableRandom(assignmentSeed ^ (week * 0x9E3779B97F4A7C15L) ^ problem);
        String q = problems.get(pick.nextInt(problems.size())).text();
        text = random.nextDouble() < 0.7 ? String.format(Requests.any(ASKS, random), q) : q;
        problem++;
      }
      List<Message> messages = new ArrayList<>(context);
      messages.add(Message.of(Role.USER, text));
      int chars = 0;
      for (Message m : messages) {
        chars += m.text().length();
      }
      Exchange e = Exchange.builder().account(account).timestamp(now).messages(messages)
          .model(Environment.MODEL_SMALL).ip(ip).org(org).userAgent(userAgent)
          .attribute("country", "US").attribute("asn", Infrastructure.asn(ip))
          .response(Requests.response(420, chars, -1, random)).build();
      context.add(Message.of(Role.USER, text));
      context.add(Message.of(Role.ASSISTANT, Requests.assistantPlaceholder(random)));
      if (problem < 5 || (followUp && random.nextDouble() < 0.3)) {
        next = Math.min(now + 60_000 + random.nextInt(540_000), labStart + HOUR - 1 - random.nextInt(60_000));
        if (next <= now) {
          next = now + 1000;
        }
      } else {
        scheduleLab(labStart + DAY);
      }
      if (next > env.end()) {
        next = Long.MAX_VALUE;
      }
      return new LabelledExchange(e, label);
    }
  }
}
