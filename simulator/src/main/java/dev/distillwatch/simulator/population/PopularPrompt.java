package dev.distillwatch.simulator.population;

import dev.distillwatch.core.Exchange;
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
import java.util.SplittableRandom;

/**
 * Hard negative: a prompt gone viral. {@code users} unrelated users — each with their own
 * account, payment method and home address — send the same few popular prompts (copied from a
 * social-media post) word for word, a few times a day, between their own ordinary requests.
 */
public final class PopularPrompt implements Cohort {
  private static final int PROMPTS = 3;

  private final int users;

  /** {@code users} users sharing the popular prompts. */
  public PopularPrompt(int users) {
    this.users = users;
  }

  @Override
  public String name() {
    return "popular-prompt";
  }

  @Override
  public Label.Kind kind() {
    return Label.Kind.HARD;
  }

  @Override
  public Cohort scaled(double factor) {
    return new PopularPrompt(Cohort.scale(users, factor));
  }

  @Override
  public List<Actor> actors(Environment env, SplittableRandom random) {
    List<Prompt> benign = env.prompts().benign();
    String[] popular = new String[PROMPTS];
    for (int i = 0; i < PROMPTS; i++) {
      popular[i] = Requests.any(benign, random).text();
    }
    List<Actor> out = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      out.add(new User(env, label(), random.split(), popular));
    }
    return out;
  }

  private static final class User extends Actor {
    private final Environment env;
    private final Label label;
    private final SplittableRandom random;
    private final String[] popular;
    private final Person person;
    private final double perMilli;

    User(Environment env, Label label, SplittableRandom random, String[] popular) {
      this.env = env;
      this.label = label;
      this.random = random;
      this.popular = popular;
      this.person = Person.draw(random);
      this.perMilli = (1 + random.nextInt(6)) / 86_400_000.0;
      this.next = Diurnal.PERSONAL.next(env.start(), perMilli, person.offsetMinutes(), random);
    }

    @Override
    public LabelledExchange emit() {
      long now = next;
      String text = random.nextDouble() < 0.5 ? popular[random.nextInt(popular.length)]
          : Requests.any(env.prompts().benign(), random).text();
      Exchange e = person.request(now).prompt(text).model(env.benignModel(now, random))
          .parameters(Requests.params("temperature", 0.7))
          .response(Requests.response(300, text.length(), -1, random)).build();
      next = Diurnal.PERSONAL.next(now, perMilli, person.offsetMinutes(), random);
      return new LabelledExchange(e, label);
    }
  }
}
