package dev.distillwatch.cli;

import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Level;
import dev.distillwatch.core.Verdict;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.PromptLibrary;
import dev.distillwatch.simulator.Scenario;
import dev.distillwatch.simulator.Scenarios;
import dev.distillwatch.simulator.Simulator;
import dev.distillwatch.simulator.evaluation.Evaluation;
import dev.distillwatch.simulator.evaluation.Methods;
import dev.distillwatch.simulator.evaluation.ReportTables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: runs the default pipeline over the bundled {@code demo} scenario (a benign
 * population, every hard negative, two campaigns) and prints the top accounts with their
 * evidence next to the ground truth, the campaigns found, and the quality summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs DistillWatch's default pipeline over the bundled demo scenario and prints the top accounts,"
        + " the campaigns found, and precision and recall against the ground truth.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--top", defaultValue = "20", paramLabel = "N", description = "Accounts to list (default: ${DEFAULT-VALUE}).")
  int top;

  private static final class Account {
    final String id;
    final Label label;
    int requests;
    Verdict strongest;
    int firstFlag;

    Account(String id, Label label) {
      this.id = id;
      this.label = label;
    }
  }

  @Override
  public Integer call() {
    Scenario demo = Scenarios.demo();
    PromptLibrary prompts = PromptLibrary.bundled();
    DistillWatch watch = DistillWatch.builder().defaults().build();
    Map<String, Account> accounts = new HashMap<>();
    Iterator<LabelledExchange> it = Simulator.stream(demo, prompts);
    long exchanges = 0;
    long started = System.nanoTime();
    while (it.hasNext()) {
      LabelledExchange le = it.next();
      exchanges++;
      Account a = accounts.computeIfAbsent(le.exchange().account(), id -> new Account(id, le.label()));
      a.requests++;
      Verdict v = watch.inspect(le.exchange());
      if (a.strongest == null || v.score() > a.strongest.score()) {
        a.strongest = v;
      }
      if (a.firstFlag == 0 && v.level().atLeast(Level.FLAG)) {
        a.firstFlag = a.requests;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "DistillWatch demo: %s%n%,d exchanges from %,d accounts in %.1f s through %s%n%n",
        demo.description(), exchanges, accounts.size(), seconds, watch.detectorNames());

    List<Account> ranked = new ArrayList<>(accounts.values());
    ranked.sort(Comparator.comparingDouble((Account a) -> -a.strongest.score()).thenComparing(a -> a.id));
    System.out.printf(Locale.ROOT, "Top %d accounts (truth from the simulator's labels, which the pipeline never sees):%n", top);
    System.out.printf(Locale.ROOT, "%-22s %6s %-6s %8s %10s  %-24s %s%n", "account", "score", "level", "requests",
        "1st flag", "truth", "evidence");
    for (Account a : ranked.subList(0, Math.min(top, ranked.size()))) {
      Verdict v = a.strongest;
      String evidence = v.signals().isEmpty() ? "" : v.signals().get(0).toString();
      System.out.printf(Locale.ROOT, "%-22s %6.3f %-6s %8d %10s  %-24s %s%n", a.id, v.score(), v.level(), a.requests,
          a.firstFlag == 0 ? "-" : "#" + a.firstFlag, a.label.kind().wireName() + "/" + a.label.group(), evidence);
    }

    Map<String, List<Account>> campaigns = new TreeMap<>();
    for (Account a : ranked) {
      a.strongest.campaign().ifPresent(c -> campaigns.computeIfAbsent(c, k -> new ArrayList<>()).add(a));
    }
    System.out.printf(Locale.ROOT, "%nCampaigns found: %d%n", campaigns.size());
    campaigns.forEach((id, members) -> {
      Map<String, Integer> truth = new TreeMap<>();
      members.forEach(a -> truth.merge(a.label.group(), 1, Integer::sum));
      System.out.printf(Locale.ROOT, "  %s: %d accounts, truth %s%n", id, members.size(), truth);
    });

    System.out.println();
    System.out.println(ReportTables.detail(Evaluation.run(demo, prompts, List.of(Methods.distillWatch()))));
    return 0;
  }
}
