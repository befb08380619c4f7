package dev.distillwatch.simulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Signal;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness on a hand-made log whose every figure is worked out by hand. */
class EvaluationTest {
  private static final Label BENIGN = new Label(Label.Kind.BENIGN, "benign");
  private static final Label HARD = new Label(Label.Kind.HARD, "classroom");
  private static final Label CAMPAIGN = new Label(Label.Kind.CAMPAIGN, "camp");

  /** Scores each account's n-th request with a scripted value; never reads labels (it has none). */
  private static final class Scripted implements Detector {
    private final Map<String, double[]> script;
    private final Map<String, Integer> seen = new HashMap<>();

    Scripted(Map<String, double[]> script) {
      this.script = script;
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public Signal inspect(Exchange e) {
      int n = seen.merge(e.account(), 1, Integer::sum);
      return Signal.of("scripted", script.get(e.account())[n - 1], "scripted");
    }
  }

  private static final Map<String, double[]> SCRIPT = Map.of(
      "b1", new double[] {0.1, 0.2, 0.1},           // never flagged, max 0.2
      "b2", new double[] {0.5, 0.9},                // flagged at its 2nd request: a false positive
      "h1", new double[] {0.3, 0.3, 0.85, 0.1},     // flagged at its 3rd: a hard-negative false positive
      "c1", new double[] {0.1, 0.2, 0.5, 0.95, 0.99}, // flagged at its 4th
      "c2", new double[] {0.2, 0.81, 0.1},          // flagged at its 2nd
      "c3", new double[] {0.4, 0.6});               // missed, max 0.6

  /** The order of the log: c2's 2nd request (the 6th line) is the campaign's first flag. */
  private static final String[] ORDER = {
      "c1", "b1", "c2", "c1", "h1", "c2", "c1", "b2", "h1", "c3", "b1", "c1", "h1", "b2", "c2", "c3", "c1", "h1", "b1"};

  private static List<LabelledExchange> log() {
    List<LabelledExchange> out = new ArrayList<>();
    long t = 1_000;
    for (String account : ORDER) {
      Label label = account.startsWith("b") ? BENIGN : account.startsWith("h") ? HARD : CAMPAIGN;
      out.add(new LabelledExchange(Exchange.builder().account(account).timestamp(t += 1000).prompt("x").build(), label));
    }
    return out;
  }

  private static CohortResult cohort(MethodResult m, String group) {
    return m.cohorts().stream().filter(c -> c.group().equals(group)).findFirst().orElseThrow();
  }

  @Test
  void reThresholdsEveryMethodToTheDefaultPipelinesFalsePositives() {
    // "distillwatch" flags b2 (1 benign), h1 (1 hard negative), c1 and c2 (recall 2/3)
    Report r = Evaluation.run("hand-made", log().iterator(), List.of(
        new Method(Methods.DISTILLWATCH, () -> DistillWatch.builder()
            .detector(new Scripted(SCRIPT)).build()),
        Methods.of("copy", () -> new Scripted(SCRIPT))));
    // allowed 1 benign and 1 hard: 0.99 c1, 0.9 b2, 0.85 h1, 0.81 c2, 0.6 c3 fit; 0.2 b1 would be a second benign
    OperatingPoint p = r.methods().get(1).atReferenceFpr();
    assertThat(p.threshold()).isEqualTo(0.6);
    assertThat(p.stoppedBy()).isEqualTo("benign");
    assertThat(p.recall()).isEqualTo(1.0);
    assertThat(p.benignFpr()).isEqualTo(0.5);
    assertThat(p.hardNegativeFpr()).isEqualTo(1.0);
    assertThat(r.methods().get(0).atReferenceFpr()).isEqualTo(p);
    // without the default pipeline there is no reference
    Report alone = Evaluation.run("hand-made", log().iterator(), List.of(Methods.of("copy", () -> new Scripted(SCRIPT))));
    assertThat(alone.methods().get(0).atReferenceFpr()).isNull();
  }

  @Test
  void computesEveryFigureOfAHandMadeLog() {
    Report r = Evaluation.run("hand-made", log().iterator(), List.of(Methods.of("scripted", () -> new Scripted(SCRIPT))));
    assertThat(r.exchanges()).isEqualTo(19);
    assertThat(r.accounts()).isEqualTo(6);
    MethodResult m = r.methods().get(0);
    assertThat(m.failures()).isZero();
    assertThat(m.benignFpr()).isEqualTo(0.5);
    assertThat(m.hardNegativeFpr()).isEqualTo(1.0);
    assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-12));
    // positives 0.99, 0.81, 0.6 against negatives 0.2, 0.9, 0.85: 3 + 1 + 1 of 9 pairs
    assertThat(m.rocAuc()).isCloseTo(5.0 / 9, within(1e-12));
    // ranked 0.99 P, 0.9 N, 0.85 N, 0.81 P, 0.6 P, 0.2 N: (1/1 + 2/4 + 3/5) / 3
    assertThat(m.prAuc()).isCloseTo(0.7, within(1e-12));
    assertThat(m.campaignMedianRequestsBeforeFlag()).isEqualTo(1);
    assertThat(m.campaignP95RequestsBeforeFlag()).isEqualTo(3);
    assertThat(m.cohorts()).extracting(CohortResult::group).containsExactly("benign", "camp", "classroom");

    CohortResult camp = cohort(m, "camp");
    assertThat(camp.kind()).isEqualTo("campaign");
    assertThat(camp.accounts()).isEqualTo(3);
    assertThat(camp.requests()).isEqualTo(10);
    assertThat(camp.flagged()).isEqualTo(2);
    assertThat(camp.medianRequestsBeforeFlag()).isEqualTo(1); // c2: 1, c1: 3
    assertThat(camp.p95RequestsBeforeFlag()).isEqualTo(3);
    assertThat(camp.servedBeforeFirstFlag()).isCloseTo(0.3, within(1e-12)); // c1, c2, c1 before c2's flag
    assertThat(camp.servedUnflagged()).isCloseTo(0.6, within(1e-12)); // 3 + 1 + 2 of 10

    CohortResult benign = cohort(m, "benign");
    assertThat(benign.accounts()).isEqualTo(2);
    assertThat(benign.requests()).isEqualTo(5);
    assertThat(benign.flaggedShare()).isEqualTo(0.5);
    assertThat(benign.medianRequestsBeforeFlag()).isEqualTo(1);
    CohortResult hard = cohort(m, "classroom");
    assertThat(hard.requests()).isEqualTo(4);
    assertThat(hard.medianRequestsBeforeFlag()).isEqualTo(2);
    assertThat(hard.servedBeforeFirstFlag()).isCloseTo(0.5, within(1e-12));
  }

  /** Attributes c1 and c2 to one campaign, c3 to another, and h1 to a third, from its first request on. */
  private static final class Linking implements Detector {
    @Override
    public String name() {
      return "linking";
    }

    @Override
    public Signal inspect(Exchange e) {
      String id = switch (e.account()) {
        case "c1", "c2" -> "cmp-a";
        case "c3" -> "cmp-b";
        case "h1" -> "cmp-h";
        default -> null;
      };
      Signal s = Signal.of("linking", 0.1, "linked");
      return id == null ? s : s.withCampaign(id);
    }
  }

  @Test
  void countsTheCampaignsEachCohortWasLinkedTo() {
    Report r = Evaluation.run("hand-made", log().iterator(), List.of(Methods.of("linking", Linking::new)));
    MethodResult m = r.methods().get(0);
    CohortResult camp = cohort(m, "camp");
    assertThat(camp.linked()).isEqualTo(3);
    assertThat(camp.campaigns()).isEqualTo(2);
    assertThat(camp.largestCampaignShare()).isCloseTo(2.0 / 3, within(1e-12));
    CohortResult hard = cohort(m, "classroom");
    assertThat(hard.linked()).isEqualTo(1);
    assertThat(hard.largestCampaignShare()).isEqualTo(1.0);
    CohortResult benign = cohort(m, "benign");
    assertThat(benign.linked()).isZero();
    assertThat(benign.campaigns()).isZero();
    assertThat(benign.largestCampaignShare()).isZero();
    assertThat(ReportTables.detail(r)).contains("| 3 (2; 66.7%) |");
  }

  @Test
  void runsSeveralMethodsIndependentlyOnTheSameTraffic() {
    Map<String, double[]> silent = new HashMap<>();
    SCRIPT.forEach((k, v) -> silent.put(k, new double[v.length]));
    Report r = Evaluation.run("hand-made", log().iterator(), List.of(
        Methods.of("scripted", () -> new Scripted(SCRIPT)), Methods.of("silent", () -> new Scripted(silent))));
    assertThat(r.methods()).extracting(MethodResult::method).containsExactly("scripted", "silent");
    MethodResult s = r.methods().get(1);
    assertThat(s.recall()).isZero();
    assertThat(s.benignFpr()).isZero();
    assertThat(s.rocAuc()).isEqualTo(0.5); // all tied
    assertThat(s.prAuc()).isCloseTo(0.5, within(1e-12)); // 3 positives of 6, one tie group
    assertThat(cohort(s, "camp").servedBeforeFirstFlag()).isEqualTo(1.0);
    assertThat(cohort(s, "camp").medianRequestsBeforeFlag()).isNaN();
    assertThat(r.methods().get(0).recall()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void readsTheSameFiguresFromAWrittenLabelledLog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("hand-made.jsonl");
    try (dev.distillwatch.simulator.traffic.TrafficLogWriter w =
        new dev.distillwatch.simulator.traffic.TrafficLogWriter(java.nio.file.Files.newOutputStream(file))) {
      log().forEach(w::write);
    }
    java.nio.file.Files.writeString(file, "not json\n{\"ts\": 99999, \"account\": \"u\", \"prompt\": \"x\"}\n",
        java.nio.file.StandardOpenOption.APPEND);
    List<dev.distillwatch.simulator.traffic.BadLine> bad = new ArrayList<>();
    Map<String, double[]> script = new HashMap<>(SCRIPT);
    script.put("u", new double[] {0.0});
    Report r = Evaluation.run("file", List.of(Methods.of("scripted", () -> new Scripted(script))),
        LabelledLog.source(file, bad::add, s -> { }));
    assertThat(bad).hasSize(1);
    MethodResult m = r.methods().get(0);
    assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.prAuc()).isCloseTo(0.7, within(1e-12));
    assertThat(cohort(m, "camp").servedBeforeFirstFlag()).isCloseTo(0.3, within(1e-12));
    assertThat(cohort(m, LabelledLog.UNLABELLED).kind()).isEqualTo("benign");
    assertThat(LabelledLog.label("{\"kind\": \"hard\", \"group\": \"g\"}")).isEqualTo(new Label(Label.Kind.HARD, "g"));
    assertThat(LabelledLog.label("{\"kind\": \"evil\"}").group()).isEqualTo(LabelledLog.UNLABELLED);
  }

  @Test
  void rendersTablesAndJson() throws Exception {
    Report r = Evaluation.run("hand-made", log().iterator(), List.of(Methods.of("scripted", () -> new Scripted(SCRIPT))));
    assertThat(ReportTables.suite(List.of(r)))
        .contains("| hand-made | scripted | 66.7% | 1 / 3 | 30.0% | 50.0% | 100.0% | 0.556 | 0.700 |");
    assertThat(ReportTables.detail(r)).contains("| camp | campaign | scripted | 3 | 10 | 66.7% | 1 / 3 | 30.0% | 60.0% |");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ReportTables.json(List.of(r), out);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray()).get(0).get("methods").get(0)
        .get("recall").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
  }
}
