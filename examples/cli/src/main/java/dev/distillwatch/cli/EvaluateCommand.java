package dev.distillwatch.cli;

import dev.distillwatch.simulator.PromptLibrary;
import dev.distillwatch.simulator.Scenario;
import dev.distillwatch.simulator.Scenarios;
import dev.distillwatch.simulator.baseline.VolumeCapBaseline;
import dev.distillwatch.simulator.evaluation.Evaluation;
import dev.distillwatch.simulator.evaluation.LabelledLog;
import dev.distillwatch.simulator.evaluation.Method;
import dev.distillwatch.simulator.evaluation.Methods;
import dev.distillwatch.simulator.evaluation.Report;
import dev.distillwatch.simulator.evaluation.ReportTables;
import dev.distillwatch.simulator.traffic.BadLineReporter;
import dev.distillwatch.simulator.traffic.ReadSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
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
 * baselines (with {@code --ablation} also each default detector alone), and prints recall,
 * false-positive rates, flag latency and AUCs per cohort and campaign, and each method's recall at
 * DistillWatch's false-positive rates.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Replays simulated, labelled traffic through DistillWatch's default pipeline and the baselines"
        + " (volume cap, PRADA, SEAT, Blacklight) and prints quality per cohort and campaign.")
public final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--scenario", defaultValue = Scenarios.SUITE, paramLabel = "NAME",
      description = "A scenario, or 'suite' for the standard suite (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(names = "--input", paramLabel = "FILE",
      description = "Evaluates a labelled traffic log (label: {kind, group}) instead of a scenario.")
  Path input;

  @Option(names = "--seed", paramLabel = "N", description = "The seed (default: each scenario's).")
  Long seed;

  @Option(names = "--scale", defaultValue = "1", paramLabel = "FACTOR",
      description = "Multiplies every cohort's accounts (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--prompts", paramLabel = "DIR", description = "A larger prompt set; default: the bundled sample.")
  Path prompts;

  @Option(names = "--methods", split = ",", paramLabel = "NAME",
      description = "Only these methods: distillwatch, volume-cap, prada, seat, blacklight, and with --ablation"
          + " alone:NAME for a default detector NAME (default: all).")
  Set<String> methods;

  @Option(names = "--volume-cap", paramLabel = "N",
      description = "The volume-cap baseline's requests per account-day (default: calibrated per scenario on a"
          + " separate benign-only run at the 99.9th percentile).")
  Integer volumeCap;

  @Option(names = "--ablation",
      description = "Also runs each default detector alone (methods alone:NAME) and prints the ablation table"
          + " (recall per scenario, worst FPRs, mean ROC-AUC) instead of the per-scenario summary.")
  boolean ablation;

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
    List<Report> reports = new ArrayList<>();
    if (input != null) {
      return evaluateFile(reports);
    }
    List<Scenario> scenarios = Scenarios.named(scenario);
    for (Scenario s : scenarios) {
      s = s.scaled(scale);
      if (seed != null) {
        s = s.withSeed(seed);
      }
      int cap = volumeCap != null ? volumeCap : Methods.calibratedVolumeCap(s, library);
      List<Method> selected = selected(cap);
      System.err.printf(Locale.ROOT, "evaluate: %s (volume cap %d requests per account-day) ...%n", s.name(), cap);
      Report r = Evaluation.run(s, library, selected);
      reports.add(r);
      if (detail || scenarios.size() == 1) {
        System.out.println(ReportTables.detail(r));
      }
      System.err.printf(Locale.ROOT, "evaluate: %s: %,d exchanges in %.1f s (%,.0f/s), peak heap %,d MB%n", r.scenario(),
          r.exchanges(), r.seconds(), r.exchangesPerSecond(), r.peakHeapBytes() >> 20);
    }
    finish(reports);
    return 0;
  }

  private Integer evaluateFile(List<Report> reports) throws IOException {
    PrintWriter err = new PrintWriter(System.err, true);
    int cap;
    if (volumeCap != null) {
      cap = volumeCap;
    } else {
      cap = VolumeCapBaseline.calibrate(LabelledLog.source(input, bad -> { }, s -> { }), 0.999);
      System.err.printf(Locale.ROOT, "evaluate: volume cap %d requests per account-day, the 99.9th percentile of the"
          + " log's own benign account-days (in-sample; set --volume-cap to fix it)%n", cap);
    }
    BadLineReporter bad = new BadLineReporter(err, BadLineReporter.DEFAULT_SHOWN);
    ReadSummary[] summary = new ReadSummary[1];
    Report r = Evaluation.run(input.getFileName().toString(), selected(cap),
        LabelledLog.source(input, bad, s -> summary[0] = s));
    bad.finish(summary[0]);
    if (summary[0].accepted() == 0) {
      return 1;
    }
    reports.add(r);
    System.out.println(ReportTables.detail(r));
    finish(reports);
    return 0;
  }

  private List<Method> selected(int cap) {
    List<Method> selected = new ArrayList<>();
    for (Method m : ablation && Methods.distillWatchAvailable() ? Methods.ablation(cap) : Methods.standard(cap)) {
      if (methods == null || methods.contains(m.name())) {
        selected.add(m);
      }
    }
    return selected;
  }

  private void finish(List<Report> reports) throws IOException {
    System.out.println(ablation ? ReportTables.ablation(reports) : ReportTables.suite(reports));
    String matched = ReportTables.matched(reports);
    if (!matched.isEmpty()) {
      System.out.println("Campaign recall of each method re-thresholded to DistillWatch's benign and hard-negative"
          + " FPR (docs/evaluation.md):\n");
      System.out.println(matched);
    }
    if (json != null) {
      try (OutputStream out = Files.newOutputStream(json)) {
        ReportTables.json(reports, out);
      }
    }
  }
}
