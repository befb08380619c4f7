package dev.distillwatch.simulator.population;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.simulator.Actor;
import dev.distillwatch.simulator.Cohort;
import dev.distillwatch.simulator.Diurnal;
import dev.distillwatch.simulator.Environment;
import dev.distillwatch.simulator.Infrastructure;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.Prompt;
import dev.distillwatch.simulator.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Hard negative: companies whose employees each have an API key. A company's employees share its
 * organisation, its corporate card and one client stack, and reach the API through three NAT
 * addresses of one /24, in office hours (UTC-5), at rates that differ by orders of magnitude
 * (log-normal, median 8 a day); a third of their requests wrap varied tasks in the company's
 * internal prompt template.
 */
public final class CorporateNat implements Cohort {
  private static final String[] INTERNAL_TEMPLATES = {
      "Summarise the following for the weekly report, in three bullet points:\n\n%s",
      "Rewrite this for a customer-facing email, keeping it short and polite:\n\n%s",
      "Review the following and list any risks or open questions:\n\n%s"};

  private final int companies;
  private final int employees;

  /** {@code companies} companies of {@code employees} employees each. */
  public CorporateNat(int companies, int employees) {
    this.companies = companies;
    this.employees = employees;
  }

  @Override
  public String name() {
    return "corporate-nat";
  }

  @Override
  public Label.Kind kind() {
    return Label.Kind.HARD;
  }

  @Override
  public Cohort scaled(double factor) {
    return new CorporateNat(Cohort.scale(companies, factor), employees);
  }

  @Override
  public List<Actor> actors(Environment env, SplittableRandom random) {
    List<Actor> out = new ArrayList<>();
    for (int c = 0; c < companies; c++) {
      SplittableRandom cr = random.split();
      String nat = Infrastructure.cloudIp(cr);
      String org = "org_corp_" + Long.toHexString(cr.nextLong() & 0xffffffL);
      String payment = Infrastructure.paymentId(cr);
      String template = INTERNAL_TEMPLATES[c % INTERNAL_TEMPLATES.length];
      for (int e = 0; e < employees; e++) {
        out.add(new Employee(env, label(), cr.split(), nat, org, payment, template));
      }
    }
    return out;
  }

  private static final class Employee extends Actor {
    private final Environment env;
    private final Label label;
    private final SplittableRandom random;
    private final String account;
    private final String nat;
    private final String org;
    private final String payment;
    private final String template;
    private final double perMilli;

    Employee(Environment env, Label label, SplittableRandom random, String nat, String org, String payment,
        String template) {
      this.env = env;
      this.label = label;
      this.random = random;
      this.account = Infrastructure.accountId(random);
      this.nat = nat;
      this.org = org;
      this.payment = payment;
      this.template = template;
      double perDay = Math.min(400, 8 * Math.exp(1.5 * Diurnal.gaussian(random)));
      this.perMilli = perDay / 86_400_000.0;
      this.next = Diurnal.OFFICE.next(env.start(), perMilli, -300, random);
    }

    @Override
    public LabelledExchange emit() {
      long now = next;
      Prompt p = Requests.any(env.prompts().benign(), random);
      String text = random.nextDouble() < 0.33 ? String.format(Locale.ROOT, template, p.text()) : p.text();
      String ip = Infrastructure.sameSlash24(nat, 10 + random.nextInt(3));
      Exchange e = Exchange.builder().account(account).timestamp(now).prompt(text)
          .model(env.benignModel(now, random)).parameters(Requests.params("temperature", 0.5))
          .ip(ip).org(org).userAgent("OpenAI/Python 1.54.3").payment(payment).attribute("country", "US")
          .attribute("asn", Infrastructure.asn(ip)).attribute("ja3", "771,4865-4866-4867,0-23-65281")
          .response(Requests.response(350, text.length(), -1, random)).build();
      next = Diurnal.OFFICE.next(now, perMilli, -300, random);
      return new LabelledExchange(e, label);
    }
  }
}
