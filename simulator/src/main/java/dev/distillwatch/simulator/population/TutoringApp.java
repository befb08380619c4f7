package dev.distillwatch.simulator.population;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.Role;
import dev.distillwatch.simulator.Actor;
import dev.distillwatch.simulator.Cohort;
import dev.distillwatch.simulator.Diurnal;
import dev.distillwatch.simulator.Environment;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.Prompt;
import dev.distillwatch.simulator.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Hard negative: the users of one niche tutoring app that runs on each user's own API key. Every
 * user has their own account, payment method, home address and time zone, and uses the app at
 * their own pace (log-normal, median 5 requests a day); the app wraps each homework question (math
 * and reasoning problems) in its fixed instruction asking for the complete reasoning, with its own
 * system prompt and its fixed sampling parameters — the request shape, templates and
 * chain-of-thought elicitation of a harvest, sent by unrelated people. A third of each user's
 * requests are their own ordinary prompts.
 */
public final class TutoringApp implements Cohort {
  private static final String SYSTEM = "You are Sage, a patient tutor. Help the student understand, not just answer.";
  private static final String[] WRAPPERS = {
      "%s\n\nShow your complete reasoning step by step, then give the final answer.",
      "Homework question:\n%s\n\nExplain every step of your thinking so I can follow it."};

  private final int users;

  /** {@code users} users of the app. */
  public TutoringApp(int users) {
    this.users = users;
  }

  @Override
  public String name() {
    return "tutoring-app";
  }

  @Override
  public Label.Kind kind() {
    return Label.Kind.HARD;
  }

  @Override
  public Cohort scaled(double factor) {
    return new TutoringApp(Cohort.scale(users, factor));
  }

  @Override
  public List<Actor> actors(Environment env, SplittableRandom random) {
    List<Prompt> questions = env.prompts().extractionIn("math", "reasoning");
    List<Actor> out = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      out.add(new Student(env, label(), questions, random.split()));
    }
    return out;
  }

  private static final class Student extends Actor {
    private final Environment env;
    private final Label label;
    private final SplittableRandom random;
    private final List<Prompt> questions;
    private final Person person;
    private final double perMilli;

    Student(Environment env, Label label, List<Prompt> questions, SplittableRandom random) {
      this.env = env;
      this.label = label;
      this.random = random;
      this.questions = questions;
      this.person = Person.draw(random);
      double perDay = Math.min(150, 5 * Math.exp(1.2 * Diurnal.gaussian(random)));
      this.perMilli = perDay / 86_400_000.0;
      this.next = Diurnal.PERSONAL.next(env.start(), perMilli, person.offsetMinutes(), random);
    }

    @Override
    public LabelledExchange emit() {
      long now = next;
      Exchange.Builder b = person.request(now).model(env.benignModel(now, random));
      if (random.nextDouble() < 2.0 / 3) {
        String text = String.format(Locale.ROOT, Requests.any(WRAPPERS, random), Requests.any(questions, random).text());
        b.messages(List.of(Message.of(Role.SYSTEM, SYSTEM), Message.of(Role.USER, text)))
            .parameters(Requests.params("temperature", 0.4, "max_tokens", 4096))
            .response(Requests.response(700, text.length(), 4096, random));
      } else {
        Prompt p = Requests.any(env.prompts().benign(), random);
        b.prompt(p.text()).parameters(Parameters.none()).response(Requests.response(300, p.text().length(), -1, random));
      }
      next = Diurnal.PERSONAL.next(now, perMilli, person.offsetMinutes(), random);
      return new LabelledExchange(b.build(), label);
    }
  }
}
