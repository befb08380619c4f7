package dev.distillwatch.simulator.population;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Role;
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
import java.util.SplittableRandom;

/**
 * Hard negative: developers running a coding agent. Each developer's key sends, during office
 * hours in their time zone, tasks of 8 to 40 agent steps a few seconds apart; every step resends
 * the fixed agent system prompt, seven tool definitions and the whole growing conversation (tool
 * calls and tool results), coding domain, temperature 0. A few hundred requests a day each.
 */
public final class CodingAgent implements Cohort {
  private static final String SYSTEM = "You are an autonomous software engineering agent working in the user's "
      + "repository. Use the tools to read files, search code, edit files with patches and run the tests. Think "
      + "before each tool call and explain what you are doing in one sentence. Do not modify files outside the "
      + "repository. When the task is complete, summarise the changes.";
  private static final String[] TOOL_CALLS = {
      "Let me look at the relevant file first. [tool call: read_file]",
      "I'll search the code base for the function. [tool call: search_code]",
      "Now I'll apply the fix. [tool call: apply_patch]", "Running the tests to check. [tool call: run_tests]",
      "Listing the directory to find the module. [tool call: list_directory]"};
  private static final String[] TOOL_RESULTS = {
      "def parse(line):\n    parts = line.split(',')\n    return [p.strip() for p in parts]\n",
      "src/util/strings.py:41: def normalise(text):\nsrc/api/handlers.py:88:     return normalise(body)",
      "Patch applied: 1 file changed, 6 insertions(+), 2 deletions(-)",
      "===== 2 failed, 41 passed in 3.21s =====\nFAILED tests/test_parse.py::test_empty - AssertionError",
      "===== 43 passed in 3.05s =====", "README.md  pyproject.toml  src/  tests/"};

  private final int developers;

  /** {@code developers} developers, each with their own key. */
  public CodingAgent(int developers) {
    this.developers = developers;
  }

  @Override
  public String name() {
    return "coding-agent";
  }

  @Override
  public Label.Kind kind() {
    return Label.Kind.HARD;
  }

  @Override
  public Cohort scaled(double factor) {
    return new CodingAgent(Cohort.scale(developers, factor));
  }

  @Override
  public List<Actor> actors(Environment env, SplittableRandom random) {
    List<Prompt> tasks = new ArrayList<>(env.prompts().benignIn("coding"));
    tasks.addAll(env.prompts().extractionIn("coding"));
    List<Object> tools = new ArrayList<>();
    for (String t : new String[] {"read_file", "write_file", "search_code", "list_directory", "apply_patch",
        "run_tests", "run_shell"}) {
      tools.add(Requests.tool(t));
    }
    List<Actor> out = new ArrayList<>();
    for (int i = 0; i < developers; i++) {
      out.add(new Developer(env, label(), random.split(), List.copyOf(tasks), List.copyOf(tools)));
    }
    return out;
  }

  private static final class Developer extends Actor {
    private final Environment env;
    private final Label label;
    private final SplittableRandom random;
    private final List<Prompt> tasks;
    private final List<Object> tools;
    private final String account;
    private final String payment;
    private final String ip;
    private final int offset;
    private final String country;
    private final List<Message> context = new ArrayList<>();
    private int stepsLeft;

    Developer(Environment env, Label label, SplittableRandom random, List<Prompt> tasks, List<Object> tools) {
      this.env = env;
      this.label = label;
      this.random = random;
      this.tasks = tasks;
      this.tools = tools;
      this.account = Infrastructure.accountId(random);
      this.payment = Infrastructure.paymentId(random);
      this.ip = Infrastructure.residentialIp(random);
      int zone = Infrastructure.zone(random);
      this.offset = Infrastructure.offsetMinutes(zone);
      this.country = Infrastructure.country(zone);
      this.next = Diurnal.OFFICE.next(env.start(), 1.0 / 3_600_000 * 0.6, offset, random);
    }

    @Override
    public LabelledExchange emit() {
      long now = next;
      if (stepsLeft == 0) {
        context.clear();
        context.add(Message.of(Role.USER, Requests.any(tasks, random).text()));
        stepsLeft = 8 + random.nextInt(33);
      } else {
        context.add(Message.of(Role.ASSISTANT, Requests.any(TOOL_CALLS, random)));
        context.add(Message.of(Role.TOOL, Requests.any(TOOL_RESULTS, random)));
        if (random.nextDouble() < 0.1) {
          context.add(Message.of(Role.USER, "Also make sure the edge case with an empty input is handled."));
        }
      }
      List<Message> messages = new ArrayList<>();
      messages.add(Message.of(Role.SYSTEM, SYSTEM));
      int from = Math.max(0, context.size() - 60); // the agent compacts very long contexts
      messages.addAll(context.subList(from, context.size()));
      int chars = 0;
      for (Message m : messages) {
        chars += m.text().length();
      }
      Exchange e = Exchange.builder().account(account).timestamp(now).messages(messages)
          .model(env.benignModel(now, random))
          .parameters(Requests.params("temperature", 0.0, "max_tokens", 4096, "tools", tools, "tool_choice", "auto"))
          .ip(ip).userAgent("OpenAI/NodeJS 4.73.0").payment(payment).attribute("country", country)
          .attribute("asn", Infrastructure.asn(ip)).response(Requests.response(220, chars, 4096, random)).build();
      if (--stepsLeft > 0) {
        next = now + Diurnal.logNormal(6_000, 0.7, random);
      } else {
        // the next task: a few minutes to an hour later, during office hours
        next = Diurnal.OFFICE.next(now + Diurnal.logNormal(600_000, 0.8, random), 1.0 / 3_600_000 * 0.6, offset, random);
      }
      return new LabelledExchange(e, label);
    }
  }
}
