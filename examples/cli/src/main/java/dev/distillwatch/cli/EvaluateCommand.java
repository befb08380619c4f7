package dev.distillwatch.cli;

import dev.distillwatch.simulator.PromptLibrary;
import dev.distillwatch.simulator.Scenario;
import dev.distillwatch.simulator.Scenarios;
import dev.distillwatch.simulator.evaluation.Evaluation;
import dev.distillwatch.simulator.evaluation.Method;
import dev.distillwatch.simulator.evaluation.Methods;
import dev.distillwatch.simulator.evaluation.Report;
import dev.distillwatch.simulator.evaluation.ReportTables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: replays named scenarios through DistillWatch's default pipeline and the four
 * baselines, and prints recall, false-positive rates, flag latency and AUCs per cohort and
 * campaign.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Replays simulated, labelled traffic through DistillWatch's default pipeline and the baselines"
        + " (volume cap, PRADA, SEAT, Blacklight) and prints quality per cohort and campaign.")
public final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--scenario", defaultValue = Scenarios.SUITE, paramLabel = "NAME",
      description = "A scenario, or 'suite' for the standard suite (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--seed", paramLabel = "N", description = "The seed (default: each scenario's).")
  Long seed;

  @Option(names = "--scale", defaultValue = "1", paramLabel = "FACTOR",
      description = "Multiplies every cohort's accounts (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--prompts", paramLabel = "DIR", description = "A larger prompt set; default: the bundled sample.")
  Path prompts;

  @Option(names = "--methods", split = ",", paramLabel = "NAME",
      description = "Only these methods: distillwatch, volume-cap, prada, seat, blacklight (default: all).")
  Set<String> methods;

  @Option(names = "--volume-cap", paramLabel = "N",
      description = "The volume-cap baseline's requests per account-day (default: calibrated per scenario on a"
          + " separate benign-only run at the 99.9th percentile).")
  Integer volumeCap;

  @Option(names = "--detail", description = "Prints every cohort and campaign per method, not just the summary.")
  boolean detail;

  @Option(names = "--json", paramLabel = "FILE", description = "Also writes the reports as JSON.")
  Path json;

  @Override
  public Integer call() throws IOException {
    PromptLibrary library = prompts == null ? PromptLibrary.bundled() : PromptLibrary.fromDirectory(prompts);
    if (!Methods.distillWatchAvailable()) {
      System.err.println("evaluate: no default detector suite on the class path; evaluating the baselines only");
    }
    List<Scenario> scenarios = Scenarios.named(scenario);
    List<Report> reports = new ArrayList<>();
    for (Scenario s : scenarios) {
      s = s.scaled(scale);
      if (seed != null) {
        s = s.withSeed(seed);
      }
      int cap = volumeCap != null ? volumeCap : Methods.calibratedVolumeCap(s, library);
      List<Method> selected = new ArrayList<>();
      for (Method m : Methods.standard(cap)) {
        if (methods == null || methods.contains(m.name())) {
          selected.add(m);
        }
      }
      System.err.printf(Locale.ROOT, "evaluate: %s (volume cap %d requests per account-day) ...%n", s.name(), cap);
      Report r = Evaluation.run(s, library, selected);
      reports.add(r);
      if (detail || scenarios.size() == 1) {
        System.out.println(ReportTables.detail(r));
      }
      System.err.printf(Locale.ROOT, "evaluate: %s: %,d exchanges in %.1f s (%,.0f/s), peak heap %,d MB%n", r.scenario(),
          r.exchanges(), r.seconds(), r.exchangesPerSecond(), r.peakHeapBytes() >> 20);
    }
    System.out.println(ReportTables.suite(reports));
    if (json != null) {
      try (OutputStream out = Files.newOutputStream(json)) {
        ReportTables.json(reports, out);
      }
    }
    return 0;
  }
}
