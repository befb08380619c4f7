package dev.distillwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code distillwatch} command line: {@code java -jar distillwatch.jar <command> [options]}.
 * Run without a command it prints its usage.
 */
@Command(
    name = "distillwatch",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Detects model-extraction (distillation) campaigns in LLM API traffic.",
    subcommands = {
        DemoCommand.class,
        ReplayCommand.class,
        SimulateCommand.class,
        EvaluateCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class Main implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every command registered, for {@code main} and for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  /** Without a command: prints the usage on standard error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"distillwatch " + (v == null ? "(development build)" : v)};
    }
  }
}
