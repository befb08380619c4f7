package dev.distillwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void withoutACommandPrintsUsageAndExits2() {
    CliRun run = CliRun.run();
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.stderr).contains("Usage: distillwatch").contains("replay");
  }

  @Test
  void replayHelpDocumentsTheOptionsAndExitCodes() {
    CliRun run = CliRun.run("replay", "--help");
    assertThat(run.exitCode).isZero();
    assertThat(run.stdoutText()).contains("--input=FILE", "--output=FILE", "--campaigns=FILE", "--report=FILE",
        "--strict", "Exit codes:", "3   no line of the input was accepted");
  }

  @Test
  void registersReplay() {
    assertThat(Main.commandLine().getSubcommands()).containsKey("replay");
  }
}
