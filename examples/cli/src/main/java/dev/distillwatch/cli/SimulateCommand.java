package dev.distillwatch.cli;

import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.PromptLibrary;
import dev.distillwatch.simulator.Scenario;
import dev.distillwatch.simulator.Scenarios;
import dev.distillwatch.simulator.Simulator;
import dev.distillwatch.simulator.traffic.TrafficLogWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulate}: writes a named scenario's labelled traffic as a traffic log. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Writes a scenario's labelled, simulated traffic as a traffic log (JSON Lines, with 'label').")
public final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--scenario", defaultValue = "demo", paramLabel = "NAME",
      description = "The scenario (default: ${DEFAULT-VALUE}); --list shows them.")
  String scenario;

  @Option(names = "--seed", paramLabel = "N", description = "The seed (default: the scenario's).")
  Long seed;

  @Option(names = "--scale", defaultValue = "1", paramLabel = "FACTOR",
      description = "Multiplies every cohort's accounts (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = {"-o", "--output"}, defaultValue = "-", paramLabel = "FILE",
      description = "Where to write; '-' for standard output, '.gz' to compress (default: ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--prompts", paramLabel = "DIR",
      description = "A larger prompt set (benign.jsonl + extraction-style.jsonl, or files listed in SOURCES.md);"
          + " default: the bundled sample.")
  Path prompts;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N exchanges.")
  Long limit;

  @Option(names = "--list", description = "Lists the scenarios and exits.")
  boolean list;

  @Override
  public Integer call() throws IOException {
    if (list) {
      Scenarios.all().forEach((name, s) -> System.out.printf(Locale.ROOT, "%-15s %s%n", name, s.description()));
      return 0;
    }
    if (Scenarios.SUITE.equals(scenario)) {
      System.err.println("simulate writes one scenario; the suite's are: " + Scenarios.all().keySet());
      return 2;
    }
    Scenario s = Scenarios.named(scenario).get(0).scaled(scale);
    if (seed != null) {
      s = s.withSeed(seed);
    }
    PromptLibrary library = prompts == null ? PromptLibrary.bundled() : PromptLibrary.fromDirectory(prompts);
    long max = limit == null ? Long.MAX_VALUE : limit;
    long started = System.nanoTime();
    try (OutputStream out = open(output); TrafficLogWriter writer = new TrafficLogWriter(out)) {
      Iterator<LabelledExchange> it = Simulator.stream(s, library);
      while (it.hasNext() && writer.lines() < max) {
        writer.write(it.next());
      }
      writer.flush();
      double seconds = (System.nanoTime() - started) / 1e9;
      System.err.printf(Locale.ROOT, "simulate: %s, %,d exchanges in %.1f s (%,.0f/s)%n", s, writer.lines(), seconds,
          writer.lines() / Math.max(seconds, 1e-9));
    }
    return 0;
  }

  private static OutputStream open(String output) throws IOException {
    if ("-".equals(output)) {
      OutputStream stdout = System.out;
      return new BufferedOutputStream(new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          stdout.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          stdout.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
          stdout.flush();
        }

        @Override
        public void close() throws IOException {
          flush(); // never close standard output
        }
      }, 1 << 16);
    }
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(output)), 1 << 16);
    return output.endsWith(".gz") ? new GZIPOutputStream(out, 1 << 16) : out;
  }
}
