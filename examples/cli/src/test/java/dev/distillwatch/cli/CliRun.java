package dev.distillwatch.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import dev.distillwatch.core.DistillWatch;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import picocli.CommandLine;

/** One in-process run of {@link Main}: exit code, standard output bytes and standard error text. */
final class CliRun {
  final int exitCode;
  final byte[] stdout;
  final String stderr;

  private CliRun(int exitCode, byte[] stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static CliRun run(String... args) {
    return withStdin(new byte[0], args);
  }

  static CliRun withStdin(byte[] stdin, String... args) {
    return with(stdin, () -> DistillWatch.builder().defaults(), args);
  }

  /** A run whose replay uses the given pipeline instead of the defaults. */
  static CliRun withPipeline(Supplier<DistillWatch.Builder> pipeline, String... args) {
    return with(new byte[0], pipeline, args);
  }

  private static CliRun with(byte[] stdin, Supplier<DistillWatch.Builder> pipeline, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == ReplayCommand.class) {
          return cls.cast(new ReplayCommand(new ByteArrayInputStream(stdin), out, pipeline));
        }
        return CommandLine.defaultFactory().create(cls);
      }
    };
    CommandLine cli = new CommandLine(new Main(), factory);
    StringWriter err = new StringWriter();
    StringWriter usage = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(usage, true));
    int code = cli.execute(args);
    byte[] stdout = out.size() > 0 ? out.toByteArray() : usage.toString().getBytes(StandardCharsets.UTF_8);
    return new CliRun(code, stdout, err.toString());
  }

  String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stderr\n" + stderr;
  }
}
