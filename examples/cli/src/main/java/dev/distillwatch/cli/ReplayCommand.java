package dev.distillwatch.cli;

import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.PipelineStats;
import dev.distillwatch.simulator.traffic.BadLine;
import dev.distillwatch.simulator.traffic.BadLineException;
import dev.distillwatch.simulator.traffic.BadLineReporter;
import dev.distillwatch.simulator.traffic.ReadSummary;
import dev.distillwatch.simulator.traffic.Replay;
import dev.distillwatch.simulator.traffic.ReplayOutputWriter;
import dev.distillwatch.simulator.traffic.TrafficLogReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code distillwatch replay}: replays a traffic log through the pipeline a host gets from
 * {@code DistillWatch.builder().defaults()} and writes one verdict per account, as
 * {@code traffic-log.md} specifies. Bad lines are reported on standard error and skipped (or, with
 * {@code --strict}, stop the run); the run ends with the summary {@code read N, accepted A,
 * skipped S}.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Replays a traffic log through the default detector pipeline; writes one verdict per account.",
        "The log is JSON Lines, one exchange per line. Verdicts are JSON Lines too, highest score first."
            + " Bad lines are skipped and reported on standard error (the first 20, then a count);"
            + " the run ends with the summary 'read N, accepted A, skipped S'."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the log was replayed and the output written",
        "1:a file could not be read or written, or the pipeline could not be built",
        "2:invalid command line",
        "3:no line of the input was accepted (empty input, or every line bad)",
        "4:--strict and a bad line (nothing written)"})
public final class ReplayCommand implements Callable<Integer> {
  /** A file could not be read or written, or the pipeline could not be built. */
  public static final int EXIT_FAILURE = 1;
  /** No line of the input was accepted. */
  public static final int EXIT_NOTHING_ACCEPTED = 3;
  /** {@code --strict} and a bad line. */
  public static final int EXIT_BAD_LINE = 4;

  private static final String STANDARD_STREAM = "-";

  @Option(names = "--input", required = true, paramLabel = "FILE",
      description = "The traffic log (UTF-8 JSON Lines, gzip-compressed or not); '-' reads standard input.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "Where to write the verdicts, one JSON line per account; '-' writes standard output.")
  String output;

  @Option(names = "--campaigns", paramLabel = "FILE",
      description = "Also write one JSON line per detected campaign (an empty file when there is none).")
  Path campaigns;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Not implemented yet: accepted for the documented command line, warns, writes nothing.")
  Path report;

  @Option(names = "--strict",
      description = "Make any bad line fatal: stop there, exit with code 4, write nothing.")
  boolean strict;

  @Option(names = "--seed", paramLabel = "SEED",
      description = "The pipeline's hashing seed, to replay as a deployment with that seed (default: the library's).")
  Long seed;

  @Spec
  CommandSpec spec;

  private final InputStream stdin;
  private final OutputStream stdout;
  private final Supplier<DistillWatch.Builder> pipeline;

  /**
   * Reads standard input and writes standard output for {@code -}, and replays through
   * {@code DistillWatch.builder().defaults()}.
   */
  public ReplayCommand() {
    this(System.in, System.out, () -> DistillWatch.builder().defaults());
  }

  /** Uses the given streams for {@code -} and the given pipeline (for tests). */
  ReplayCommand(InputStream stdin, OutputStream stdout, Supplier<DistillWatch.Builder> pipeline) {
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.stdout = Objects.requireNonNull(stdout, "stdout");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
  }

  @Override
  public Integer call() {
    checkFiles();
    PrintWriter err = spec.commandLine().getErr();
    if (report != null) {
      err.println("warning: --report is not implemented yet; no report written to " + report);
    }
    DistillWatch watch;
    try {
      DistillWatch.Builder builder = pipeline.get();
      if (seed != null) {
        builder.seed(seed);
      }
      watch = builder.build();
    } catch (RuntimeException e) {
      err.println("error: cannot build the detector pipeline: " + e.getMessage());
      return EXIT_FAILURE;
    }
    // Domains are counted only for campaign lines: no classification cost when they are not asked for.
    Replay replay = campaigns == null ? Replay.using(watch) : Replay.using(watch, Replay.capabilityDomain());
    TrafficLogReader reader = TrafficLogReader.builder().strict(strict).build();
    BadLineReporter reporter = new BadLineReporter(err, BadLineReporter.DEFAULT_SHOWN);
    Consumer<BadLine> badLines = strict ? bad -> { } : reporter;
    ReadSummary summary;
    try {
      summary = read(reader, replay, badLines);
    } catch (BadLineException e) {
      err.println("line " + e.badLine().lineNumber() + ": error: " + e.badLine().reason());
      err.println("stopped at the first bad line (--strict): " + e.summary() + "; nothing written");
      return EXIT_BAD_LINE;
    } catch (IOException e) {
      err.println("error: cannot read input '" + input + "': " + describe(e));
      return EXIT_FAILURE;
    }
    reporter.finish(summary);
    reportDetectorFailures(watch, err);
    try {
      write(output, out -> ReplayOutputWriter.writeVerdicts(replay.accounts(), out));
      if (campaigns != null) {
        write(campaigns.toString(), out -> ReplayOutputWriter.writeCampaigns(replay.campaigns(), out));
      }
    } catch (IOException e) {
      err.println("error: cannot write " + describe(e));
      return EXIT_FAILURE;
    }
    if (summary.accepted() == 0) {
      err.println("error: no line of the input was accepted");
      return EXIT_NOTHING_ACCEPTED;
    }
    return 0;
  }

  /**
   * Says so when verdicts were partial: a detector failed (and was isolated) on some exchanges, so
   * those verdicts rest on the other detectors.
   */
  private static void reportDetectorFailures(DistillWatch watch, PrintWriter err) {
    PipelineStats stats = watch.stats();
    if (stats.partial() == 0) {
      return;
    }
    Map<String, Long> failed = new TreeMap<>();
    stats.failures().forEach((detector, n) -> {
      if (n > 0) {
        failed.put(detector, n);
      }
    });
    err.println("warning: " + stats.partial() + " of " + stats.inspected()
        + " verdicts are partial because a detector failed; failures by detector: " + failed);
  }

  /** Refuses invalid paths, and an output that would overwrite the input or the other output. */
  private void checkFiles() {
    Path in = path(input, "--input");
    Path out = path(output, "--output");
    if (in != null && out != null && sameFile(in, out)) {
      throw new ParameterException(spec.commandLine(), "--output must not be the input file: " + output);
    }
    if (campaigns != null) {
      path(campaigns.toString(), "--campaigns");
      if (in != null && sameFile(in, campaigns)) {
        throw new ParameterException(spec.commandLine(), "--campaigns must not be the input file: " + campaigns);
      }
      if (out != null && sameFile(out, campaigns)) {
        throw new ParameterException(spec.commandLine(), "--campaigns must not be the --output file: " + campaigns);
      }
    }
  }

  /** The path, or null for standard input or output. */
  private Path path(String name, String option) {
    if (STANDARD_STREAM.equals(name)) {
      return null;
    }
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new ParameterException(spec.commandLine(), option + " is not a valid path: " + e.getMessage());
    }
  }

  private static boolean sameFile(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private ReadSummary read(TrafficLogReader reader, Replay replay, Consumer<BadLine> badLines) throws IOException {
    if (STANDARD_STREAM.equals(input)) {
      return reader.read(stdin, replay::accept, badLines);
    }
    return reader.read(Path.of(input), replay::accept, badLines);
  }

  private void write(String target, OutputWork work) throws IOException {
    if (STANDARD_STREAM.equals(target)) {
      OutputStream out = new BufferedOutputStream(stdout);
      work.writeTo(out);
      out.flush();
      return;
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(target)))) {
      work.writeTo(out);
    } catch (IOException e) {
      throw new IOException("'" + target + "': " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Writes one output. */
  @FunctionalInterface
  private interface OutputWork {
    void writeTo(OutputStream out) throws IOException;
  }
}
