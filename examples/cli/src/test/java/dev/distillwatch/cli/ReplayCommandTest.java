package dev.distillwatch.cli;

import static dev.distillwatch.cli.TrafficLogs.T0;
import static dev.distillwatch.cli.TrafficLogs.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillwatch.core.Detector;
import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> VERDICT_FIELDS = List.of("account", "flagged", "score", "requests",
      "first_flagged_ts", "first_flagged_request", "campaign", "signals");

  @TempDir
  Path dir;

  private Path log(List<String> lines) throws IOException {
    Path p = Files.createTempFile(dir, "traffic", ".jsonl");
    Files.write(p, lines, StandardCharsets.UTF_8);
    return p;
  }

  private CliRun replay(Path input, String... more) {
    List<String> args = new ArrayList<>(List.of("replay", "--input", input.toString(),
        "--output", dir.resolve("verdicts.jsonl").toString()));
    args.addAll(List.of(more));
    return CliRun.run(args.toArray(new String[0]));
  }

  private List<JsonNode> verdicts() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("verdicts.jsonl"), StandardCharsets.UTF_8)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  /** Requests per account, from the verdicts file. */
  private Map<String, Long> requestsByAccount() throws IOException {
    Map<String, Long> out = new TreeMap<>();
    for (JsonNode v : verdicts()) {
      out.put(v.get("account").textValue(), v.get("requests").longValue());
    }
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void conformantLogGivesOneVerdictPerAccountWithEveryField() throws IOException {
    Path input = log(TrafficLogs.conformant());
    CliRun run = replay(input, "--campaigns", dir.resolve("campaigns.jsonl").toString());
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stderr).isEqualTo("read 2020, accepted 2020, skipped 0" + System.lineSeparator());
    List<JsonNode> verdicts = verdicts();
    assertThat(verdicts).extracting(v -> v.get("account").textValue())
        .containsExactlyInAnyOrder("batch-1", "user-00", "user-01", "user-02", "user-03", "user-04", "user-05",
            "user-06");
    double previous = 1.0;
    for (JsonNode v : verdicts) {
      assertThat(fieldNames(v)).isEqualTo(VERDICT_FIELDS);
      assertThat(v.get("flagged").isBoolean()).isTrue();
      double score = v.get("score").doubleValue();
      assertThat(score).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
      previous = score;
      assertThat(v.get("requests").isIntegralNumber()).isTrue();
      boolean flagged = v.get("flagged").booleanValue();
      assertThat(v.get("first_flagged_ts").isTextual()).isEqualTo(flagged);
      assertThat(v.get("first_flagged_request").isIntegralNumber()).isEqualTo(flagged);
      assertThat(v.get("campaign").isNull() || v.get("campaign").isTextual()).isTrue();
      assertThat(v.get("signals").isArray()).isTrue();
      for (JsonNode s : v.get("signals")) {
        assertThat(fieldNames(s)).isEqualTo(List.of("detector", "score", "evidence"));
      }
    }
    assertThat(requestsByAccount()).containsEntry("batch-1", 2000L).containsEntry("user-00", 3L);
    assertThat(dir.resolve("campaigns.jsonl")).exists();
    for (String l : Files.readAllLines(dir.resolve("campaigns.jsonl"))) {
      assertThat(fieldNames(JSON.readTree(l))).isEqualTo(
          List.of("campaign", "accounts", "requests", "first_ts", "last_ts", "score", "domains", "evidence"));
    }
  }

  @Test
  void sameInputTwiceGivesByteIdenticalOutput() throws IOException {
    Path input = log(TrafficLogs.conformant());
    assertThat(replay(input, "--campaigns", dir.resolve("c1.jsonl").toString()).exitCode).isZero();
    byte[] first = Files.readAllBytes(dir.resolve("verdicts.jsonl"));
    assertThat(replay(input, "--campaigns", dir.resolve("c2.jsonl").toString()).exitCode).isZero();
    assertThat(Files.readAllBytes(dir.resolve("verdicts.jsonl"))).isEqualTo(first);
    assertThat(Files.readAllBytes(dir.resolve("c2.jsonl"))).isEqualTo(Files.readAllBytes(dir.resolve("c1.jsonl")));
    CliRun fromStdin = CliRun.withStdin(Files.readAllBytes(input), "replay", "--input", "-", "--output", "-");
    assertThat(fromStdin.exitCode).isZero();
    assertThat(fromStdin.stdout).isEqualTo(first);
  }

  /**
   * The demo scenario (17,576 exchanges) fills the detectors' population structures (volume
   * quantiles, template index, coordination key table); the output must still be the same every
   * time.
   */
  @Test
  void sameOutputAlsoWhenPopulationSketchesCompact() throws IOException {
    Path input = dir.resolve("demo.jsonl");
    assertThat(CliRun.run("simulate", "-o", input.toString()).exitCode).isZero();
    assertThat(replay(input).exitCode).isZero();
    byte[] first = Files.readAllBytes(dir.resolve("verdicts.jsonl"));
    assertThat(replay(input).exitCode).isZero();
    assertThat(Files.readAllBytes(dir.resolve("verdicts.jsonl"))).isEqualTo(first);
  }

  @Test
  void campaignLinesHoldTheHydraWholeAndNoUnrelatedUser() throws IOException {
    Path input = dir.resolve("demo.jsonl");
    assertThat(CliRun.run("simulate", "-o", input.toString()).exitCode).isZero();
    Map<String, String> group = new TreeMap<>();
    for (String l : Files.readAllLines(input, StandardCharsets.UTF_8)) {
      JsonNode n = JSON.readTree(l);
      group.put(n.get("account").textValue(), n.get("label").get("group").textValue());
    }
    CliRun run = replay(input, "--campaigns", dir.resolve("campaigns.jsonl").toString());
    assertThat(run.exitCode).as(run.toString()).isZero();
    Map<String, String> campaignOf = new TreeMap<>();
    for (JsonNode v : verdicts()) {
      if (v.get("campaign").isTextual()) {
        campaignOf.put(v.get("account").textValue(), v.get("campaign").textValue());
      }
    }
    List<String> lines = Files.readAllLines(dir.resolve("campaigns.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).isNotEmpty();
    boolean hydraWhole = false;
    long hydraAccounts = group.values().stream().filter("hydra-cot"::equals).count();
    for (String l : lines) {
      JsonNode c = JSON.readTree(l);
      String id = c.get("campaign").textValue();
      long hydra = 0;
      for (JsonNode a : c.get("accounts")) {
        assertThat(campaignOf).containsEntry(a.textValue(), id); // the verdict line carries the same id
        assertThat(group.get(a.textValue())).as("only campaign accounts are linked").isIn("hydra-cot", "slow-low");
        hydra += "hydra-cot".equals(group.get(a.textValue())) ? 1 : 0;
      }
      hydraWhole |= hydra == hydraAccounts;
    }
    assertThat(hydraWhole).as("the hydra found as one campaign").isTrue();
  }

  @Test
  void standardInputAndOutput() {
    byte[] in = (line("a", T0, "hi") + "\n" + line("b", T0 + 1, "yo") + "\n" + line("a", T0 + 2, "again"))
        .getBytes(StandardCharsets.UTF_8);
    CliRun run = CliRun.withStdin(in, "replay", "--input", "-", "--output", "-");
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdoutText()).endsWith("\n").contains(
        "{\"account\":\"a\",\"flagged\":false,\"score\":0.0000,\"requests\":2,\"first_flagged_ts\":null,"
            + "\"first_flagged_request\":null,\"campaign\":null,\"signals\":[]}\n");
    assertThat(run.stdoutText().lines()).hasSize(2);
    assertThat(run.stderr.trim()).isEqualTo("read 3, accepted 3, skipped 0");
  }

  @Test
  void gzipInputGivesTheSameVerdicts() throws IOException {
    Path plain = log(TrafficLogs.conformant());
    Path gz = dir.resolve("traffic.jsonl.gz");
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(plain, out);
    }
    assertThat(replay(plain).exitCode).isZero();
    byte[] expected = Files.readAllBytes(dir.resolve("verdicts.jsonl"));
    CliRun run = replay(gz);
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("verdicts.jsonl"))).isEqualTo(expected);
  }

  @Test
  void nonJsonLineIsSkippedAndReportedWithoutLosingGoodLines() throws IOException {
    CliRun run = replay(log(List.of(line("a", T0, "p"), "this is not json", line("b", T0 + 1, "q"),
        "{\"ts\":0,\"account\":\"c\",\"prompt\":\"unterminated", line("a", T0 + 2, "r"))));
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stderr).contains("line 2: skipped: not JSON at column 5: Unrecognized token 'this'")
        .contains("line 4: skipped: not JSON")
        .endsWith("read 5, accepted 3, skipped 2" + System.lineSeparator());
    assertThat(requestsByAccount()).isEqualTo(Map.of("a", 2L, "b", 1L));
  }

  @Test
  void missingAccountIsSkippedAndReported() throws IOException {
    CliRun run = replay(log(List.of(line("a", T0, "p"), "{\"ts\":" + T0 + ",\"prompt\":\"no one\"}",
        line("b", T0, "q"))));
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stderr).isEqualTo(String.join(System.lineSeparator(),
        "line 2: skipped: missing required field 'account'", "read 3, accepted 2, skipped 1", ""));
    assertThat(requestsByAccount()).isEqualTo(Map.of("a", 1L, "b", 1L));
  }

  @Test
  void timestampOfTheWrongTypeIsSkippedAndReported() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 16; i++) {
      lines.add(line("a", T0 + i, "p" + i));
    }
    lines.add("{\"ts\":true,\"account\":\"b\",\"prompt\":\"p\"}");
    lines.add(line("c", T0 + 99, "q"));
    CliRun run = replay(log(lines));
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stderr).contains(
        "line 17: skipped: 'ts' must be an RFC 3339 string or epoch milliseconds, was boolean");
    assertThat(run.stderr).contains("read 18, accepted 17, skipped 1");
    assertThat(requestsByAccount()).isEqualTo(Map.of("a", 16L, "c", 1L));
  }

  @Test
  void onlyTheFirst20BadLinesAreShownThenACount() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(line("a", T0, "p"));
    for (int i = 0; i < 25; i++) {
      lines.add("{\"ts\":" + T0 + ",\"account\":\"x\"}");
    }
    CliRun run = replay(log(lines));
    assertThat(run.exitCode).isZero();
    assertThat(run.stderr.lines().filter(l -> l.contains(": skipped: "))).hasSize(20);
    assertThat(run.stderr).contains("line 21: skipped: one of 'prompt' or 'messages' is required")
        .doesNotContain("line 22:")
        .contains("... and 5 more bad lines not shown")
        .endsWith("read 26, accepted 1, skipped 25" + System.lineSeparator());
  }

  @Test
  void emptyFileExitsNonZeroAndWritesEmptyOutputs() throws IOException {
    Path empty = log(List.of());
    CliRun run = replay(empty, "--campaigns", dir.resolve("campaigns.jsonl").toString());
    assertThat(run.exitCode).isEqualTo(ReplayCommand.EXIT_NOTHING_ACCEPTED);
    assertThat(run.stderr).contains("read 0, accepted 0, skipped 0")
        .contains("error: no line of the input was accepted");
    assertThat(dir.resolve("verdicts.jsonl")).isEmptyFile();
    assertThat(dir.resolve("campaigns.jsonl")).isEmptyFile();
  }

  @Test
  void onlyBadOrBlankLinesExitNonZero() throws IOException {
    CliRun run = replay(log(List.of("", "nope", "   ", "{}")));
    assertThat(run.exitCode).isEqualTo(ReplayCommand.EXIT_NOTHING_ACCEPTED);
    assertThat(run.stderr).contains("line 2: skipped: not JSON", "line 4: skipped: missing required field 'account'",
        "read 2, accepted 0, skipped 2");
  }

  @Test
  void fiveMegabytePromptIsAccepted() throws IOException {
    String big = "Explain step by step. ".repeat(5 * 1024 * 1024 / 22 + 1);
    assertThat(big.length()).isGreaterThan(5 * 1024 * 1024);
    CliRun run = replay(log(List.of(line("a", T0, "small"), line("big", T0 + 1, big), line("a", T0 + 2, "x"))));
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stderr.trim()).isEqualTo("read 3, accepted 3, skipped 0");
    assertThat(requestsByAccount()).isEqualTo(Map.of("a", 2L, "big", 1L));
  }

  @Test
  void unpairedSurrogatesAndControlCharactersAreAccepted() throws IOException {
    List<String> lines = List.of(
        "{\"ts\":" + T0 + ",\"account\":\"lone-\\ud800\",\"prompt\":\"\\udfff tail \\ud83d\"}",
        "{\"ts\":" + (T0 + 1) + ",\"account\":\"ctl\",\"prompt\":\"\\u0000\\u0001\\u001b[31m\\b\\f\u0007\t\"}",
        "{\"ts\":" + (T0 + 2) + ",\"account\":\"ctl\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "[{\"type\":\"text\",\"text\":\"\\ud800\\u0000\"}]}],\"system\":\"\\u0085\\u2028\"}",
        "{\"ts\":" + (T0 + 3) + ",\"account\":\"emoji-\\ud83d\\ude00\",\"prompt\":\"\\ud83d\\ude00\"}");
    CliRun run = replay(log(lines));
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stderr.trim()).isEqualTo("read 4, accepted 4, skipped 0");
    assertThat(requestsByAccount()).isEqualTo(Map.of("lone-\ud800", 1L, "ctl", 2L, "emoji-\ud83d\ude00", 1L));
    String raw = Files.readString(dir.resolve("verdicts.jsonl"), StandardCharsets.UTF_8);
    assertThat(raw).contains("\"account\":\"lone-\\uD800\"").contains("\"account\":\"emoji-\\uD83D\\uDE00\"");
  }

  @Test
  void strictMakesABadLineFatalAndWritesNothing() throws IOException {
    Path input = log(List.of(line("a", T0, "p"), "{\"ts\":false,\"account\":\"b\",\"prompt\":\"p\"}",
        line("c", T0 + 1, "q")));
    CliRun run = replay(input, "--strict", "--campaigns", dir.resolve("campaigns.jsonl").toString());
    assertThat(run.exitCode).isEqualTo(ReplayCommand.EXIT_BAD_LINE);
    assertThat(run.stderr).startsWith(
        "line 2: error: 'ts' must be an RFC 3339 string or epoch milliseconds, was boolean")
        .contains("stopped at the first bad line (--strict): read 2, accepted 1, skipped 1; nothing written")
        .doesNotContain("skipped:");
    assertThat(dir.resolve("verdicts.jsonl")).doesNotExist();
    assertThat(dir.resolve("campaigns.jsonl")).doesNotExist();
  }

  @Test
  void strictOnACleanLogIsAnOrdinaryRun() throws IOException {
    CliRun run = replay(log(List.of(line("a", T0, "p"), "", line("b", T0, "q"))), "--strict");
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(requestsByAccount()).isEqualTo(Map.of("a", 1L, "b", 1L));
  }

  @Test
  void campaignsFileIsWrittenEvenWhenThereIsNoCampaign() throws IOException {
    CliRun run = replay(log(List.of(line("a", T0, "p"))), "--campaigns", dir.resolve("campaigns.jsonl").toString());
    assertThat(run.exitCode).isZero();
    assertThat(dir.resolve("campaigns.jsonl")).isEmptyFile();
  }

  @Test
  void reportIsAcceptedButNotImplemented() throws IOException {
    CliRun run = replay(log(List.of(line("a", T0, "p"))), "--report", dir.resolve("r.html").toString());
    assertThat(run.exitCode).isZero();
    assertThat(run.stderr).startsWith("warning: --report is not implemented yet");
    assertThat(dir.resolve("r.html")).doesNotExist();
    assertThat(dir.resolve("verdicts.jsonl")).exists();
  }

  @Test
  void missingInputFileIsAnError() {
    CliRun run = replay(dir.resolve("absent.jsonl"));
    assertThat(run.exitCode).isEqualTo(ReplayCommand.EXIT_FAILURE);
    assertThat(run.stderr).contains("error: cannot read input '").contains("absent.jsonl': no such file or directory");
  }

  @Test
  void unwritableOutputIsAnError() throws IOException {
    CliRun run = CliRun.run("replay", "--input", log(List.of(line("a", T0, "p"))).toString(),
        "--output", dir.resolve("no/such/dir/v.jsonl").toString());
    assertThat(run.exitCode).isEqualTo(ReplayCommand.EXIT_FAILURE);
    assertThat(run.stderr).contains("error: cannot write '").contains("': no such file or directory");
  }

  @Test
  void refusesToOverwriteTheInput() throws IOException {
    Path input = log(List.of(line("a", T0, "p")));
    byte[] before = Files.readAllBytes(input);
    CliRun run = CliRun.run("replay", "--input", input.toString(), "--output", input.toString());
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.stderr).contains("--output must not be the input file");
    CliRun other = CliRun.run("replay", "--input", input.toString(), "--output", dir.resolve("v.jsonl").toString(),
        "--campaigns", dir.resolve("./v.jsonl").toString());
    assertThat(other.exitCode).isEqualTo(2);
    assertThat(other.stderr).contains("--campaigns must not be the --output file");
    assertThat(Files.readAllBytes(input)).isEqualTo(before);
  }

  @Test
  void partialVerdictsAreReported() throws IOException {
    Detector broken = new Detector() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Signal inspect(Exchange exchange) {
        if (exchange.account().equals("b")) {
          throw new IllegalStateException("a detector bug");
        }
        return Signal.none(name());
      }
    };
    Path input = log(List.of(line("a", T0, "p"), line("b", T0 + 1, "q"), line("b", T0 + 2, "r")));
    CliRun run = CliRun.withPipeline(() -> DistillWatch.builder().detector(broken),
        "replay", "--input", input.toString(), "--output", dir.resolve("verdicts.jsonl").toString());
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stderr).contains(
        "warning: 2 of 3 verdicts are partial because a detector failed; failures by detector: {broken=2}");
    assertThat(requestsByAccount()).isEqualTo(Map.of("a", 1L, "b", 2L));
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    CliRun run = CliRun.run("replay", "--output", "x");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.stderr).contains("Missing required option: '--input=FILE'");
  }
}
