package dev.distillwatch.simulator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ablation and matched-FPR tables on hand-made reports. */
class ReportTablesTest {

  private static CohortResult cohort(String group, String kind, long accounts, long flagged) {
    return new CohortResult(group, kind, accounts, 10 * accounts, flagged, (double) flagged / accounts, Double.NaN,
        Double.NaN, 1, 1, 0, 0, 0);
  }

  private static MethodResult method(String name, double recall, double benign, double auc, OperatingPoint matched,
      CohortResult... cohorts) {
    return new MethodResult(name, benign, 0, recall, auc, auc, Double.NaN, Double.NaN, 1, 0, List.of(cohorts), matched);
  }

  private static List<Report> reports() {
    OperatingPoint none = new OperatingPoint(Double.POSITIVE_INFINITY, 0, 0, 0, "batch-pipeline");
    Report a = new Report("camp-a", 100, 10, 1, 100, 0, 0, List.of(
        method(Methods.DISTILLWATCH, 0.5, 0.0, 0.9, new OperatingPoint(0.8, 0.5, 0, 0, "classroom"),
            cohort("benign", "benign", 100, 0), cohort("benchmark-eval", "hard", 2, 0), cohort("classroom", "hard", 30, 0)),
        method("seat", 1.0, 0.02, 0.7, none,
            cohort("benign", "benign", 100, 2), cohort("benchmark-eval", "hard", 2, 2), cohort("classroom", "hard", 30, 3))));
    Report b = new Report("camp-b", 100, 10, 1, 100, 0, 0, List.of(
        method(Methods.DISTILLWATCH, 0.25, 0.0, 0.7, new OperatingPoint(0.9, 0.25, 0, 0, "classroom"),
            cohort("benign", "benign", 100, 0), cohort("benchmark-eval", "hard", 2, 1), cohort("classroom", "hard", 30, 0)),
        method("seat", 1.0, 0.05, 0.9, new OperatingPoint(0.99996, 0.25, 0, 0, "classroom"),
            cohort("benign", "benign", 100, 5), cohort("benchmark-eval", "hard", 2, 0), cohort("classroom", "hard", 30, 6))));
    return List.of(a, b);
  }

  @Test
  void ablationReportsTheWorstScenarioAndCohortWithBenchmarkRunsApart() {
    String table = ReportTables.ablation(reports());
    assertThat(table).contains("| method | camp-a | camp-b | benign FPR (worst scenario) |");
    // recall per scenario, worst benign 0%, no hard-negative cohort flagged (benchmark 50% apart), mean AUC 0.8
    assertThat(table).contains("| **all (distillwatch)** | 50.0% | 25.0% | 0.0% | 0.0% | 50.0% | 0.800 |");
    assertThat(table).contains("| seat | 100.0% | 100.0% | 5.0% | 20.0% (classroom) | 100.0% | 0.800 |");
  }

  @Test
  void matchedTableComparesEachMethodAtDistillWatchsFalsePositives() {
    String table = ReportTables.matched(reports());
    assertThat(table).contains("| distillwatch as run: recall | 50.0% | 25.0% | |");
    // camp-a: seat has no threshold (distillwatch higher); camp-b: 25% at >= 0.99996, not shown as 1 (equal)
    assertThat(table).contains("| seat at distillwatch's FPR | 0.0% (none: batch-pipeline) | 25.0% (≥0.99996) | 1 / 1 / 0 |");
    assertThat(ReportTables.matched(List.of(new Report("x", 0, 0, 0, 0, 0, 0,
        List.of(method("seat", 1, 0, 1, null)))))).isEmpty();
  }
}
