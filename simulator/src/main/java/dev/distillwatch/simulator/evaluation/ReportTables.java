package dev.distillwatch.simulator.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Renders reports as Markdown tables (readable in a terminal and in docs) and as JSON. */
public final class ReportTables {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** The benchmark-run cohort ({@link dev.distillwatch.simulator.population.BenchmarkRun}), reported apart. */
  static final String BENCHMARK_COHORT = "benchmark-eval";

  private ReportTables() {}

  /** One scenario in detail: the methods' overall figures, then every cohort and campaign per method. */
  public static String detail(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "### %s: %,d exchanges, %,d accounts, %.1f s (%,.0f exchanges/s), peak heap %s"
        + " (after last GCs %s)%n%n", r.scenario(), r.exchanges(), r.accounts(), r.seconds(), r.exchangesPerSecond(),
        mb(r.peakHeapBytes()), mb(r.peakLiveHeapBytes())));
    sb.append("| method | campaign recall | benign FPR | hard-negative FPR | ROC-AUC | PR-AUC | method exchanges/s |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (MethodResult m : r.methods()) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %,.0f |%n", m.method(), pct(m.recall()),
          pct(m.benignFpr()), pct(m.hardNegativeFpr()), num(m.rocAuc()), num(m.prAuc()), m.exchangesPerSecond()));
    }
    sb.append("\n| cohort | kind | method | accounts | requests | flagged | median / p95 own requests before flag"
        + " | served before first flag | served unflagged | linked to a campaign (campaigns; largest) |\n");
    sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    if (!r.methods().isEmpty()) {
      int cohorts = r.methods().get(0).cohorts().size();
      for (int c = 0; c < cohorts; c++) {
        for (MethodResult m : r.methods()) {
          CohortResult g = m.cohorts().get(c);
          sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,d | %s | %s / %s | %s | %s | %s |%n", g.group(),
              g.kind(), m.method(), g.accounts(), g.requests(), pct(g.flaggedShare()), whole(g.medianRequestsBeforeFlag()),
              whole(g.p95RequestsBeforeFlag()), pct(g.servedBeforeFirstFlag()), pct(g.servedUnflagged()),
              g.linked() == 0 ? "-" : String.format(Locale.ROOT, "%,d (%,d; %s)", g.linked(), g.campaigns(),
                  pct(g.largestCampaignShare()))));
        }
      }
    }
    return sb.toString();
  }

  /**
   * The suite table, scenario by method: recall and the campaign's timing, FPR on benign users and
   * on hard negatives, and the AUCs.
   */
  public static String suite(List<Report> reports) {
    StringBuilder sb = new StringBuilder();
    sb.append("| scenario | method | campaign recall | median / p95 requests before flag | campaign traffic served"
        + " before first flag | benign FPR | hard-negative FPR | ROC-AUC | PR-AUC |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Report r : reports) {
      for (MethodResult m : r.methods()) {
        long accounts = 0;
        long requests = 0;
        double served = 0;
        for (CohortResult g : m.cohorts()) {
          if (g.kind().equals("campaign")) {
            accounts += g.accounts();
            served += g.servedBeforeFirstFlag() * g.requests();
            requests += g.requests();
          }
        }
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s / %s | %s | %s | %s | %s | %s |%n", r.scenario(),
            m.method(), pct(m.recall()), whole(m.campaignMedianRequestsBeforeFlag()), whole(m.campaignP95RequestsBeforeFlag()), pct(requests == 0 ? Double.NaN : served / requests),
            pct(m.benignFpr()), pct(m.hardNegativeFpr()), num(m.rocAuc()), num(m.prAuc())));
      }
    }
    return sb.toString();
  }

  /**
   * The ablation table over a suite (one campaign per scenario): per method, campaign recall in
   * each scenario, the highest benign FPR of any scenario, the highest FPR of any hard-negative
   * cohort in any scenario except the benchmark runs, the benchmark runs' highest flagged share
   * (reported apart: a benchmark run is a legitimate customer whose traffic is an extraction
   * pattern), and the mean ROC-AUC over the scenarios.
   */
  public static String ablation(List<Report> reports) {
    StringBuilder sb = new StringBuilder("| method |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Report r : reports) {
      sb.append(' ').append(r.scenario()).append(" |");
      rule.append("---:|");
    }
    sb.append(" benign FPR (worst scenario) | worst hard-negative cohort FPR | ").append(BENCHMARK_COHORT)
        .append(" flagged | mean ROC-AUC |\n");
    sb.append(rule).append("---:|---:|---:|---:|\n");
    for (String method : methodNames(reports)) {
      sb.append("| ").append(label(method)).append(" |");
      double benign = Double.NaN;
      double hard = Double.NaN;
      String hardCohort = "";
      double benchmark = Double.NaN;
      double aucSum = 0;
      int aucs = 0;
      for (Report r : reports) {
        MethodResult m = find(r, method);
        sb.append(' ').append(m == null ? "-" : pct(m.recall())).append(" |");
        if (m == null) {
          continue;
        }
        benign = max(benign, m.benignFpr());
        if (!Double.isNaN(m.rocAuc())) {
          aucSum += m.rocAuc();
          aucs++;
        }
        for (CohortResult g : m.cohorts()) {
          if (!g.kind().equals("hard")) {
            continue;
          }
          if (g.group().equals(BENCHMARK_COHORT)) {
            benchmark = max(benchmark, g.flaggedShare());
          } else if (Double.isNaN(hard) || g.flaggedShare() > hard) {
            hard = g.flaggedShare();
            hardCohort = g.group();
          }
        }
      }
      sb.append(String.format(Locale.ROOT, " %s | %s | %s | %s |%n", pct(benign),
          hard > 0 ? pct(hard) + " (" + hardCohort + ")" : pct(hard), pct(benchmark), num(aucs == 0 ? Double.NaN : aucSum / aucs)));
    }
    return sb.toString();
  }

  /**
   * Campaign recall at DistillWatch's false-positive rates, per scenario: DistillWatch's own
   * recall and FPRs as run, then every other method re-thresholded ({@link MatchedFpr}) to flag no
   * more benign and no more hard-negative accounts than DistillWatch did, with the threshold it
   * needed (or "none" and the cohort of a negative account at the method's top score when no
   * threshold fits); the last column counts the scenarios where DistillWatch's recall is higher, equal and
   * lower. Empty when DistillWatch was not run.
   */
  public static String matched(List<Report> reports) {
    List<String> names = methodNames(reports);
    if (!names.contains(Methods.DISTILLWATCH)) {
      return "";
    }
    StringBuilder sb = new StringBuilder("| method |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Report r : reports) {
      sb.append(' ').append(r.scenario()).append(" |");
      rule.append("---:|");
    }
    sb.append(" distillwatch higher / equal / lower |\n").append(rule).append("---:|\n");
    sb.append("| distillwatch as run: benign / hard-negative FPR |");
    for (Report r : reports) {
      MethodResult d = find(r, Methods.DISTILLWATCH);
      sb.append(' ').append(d == null ? "-" : pct(d.benignFpr()) + " / " + pct(d.hardNegativeFpr())).append(" |");
    }
    sb.append(" |\n| distillwatch as run: recall |");
    for (Report r : reports) {
      MethodResult d = find(r, Methods.DISTILLWATCH);
      sb.append(' ').append(d == null ? "-" : pct(d.recall())).append(" |");
    }
    sb.append(" |\n");
    for (String method : names) {
      if (method.equals(Methods.DISTILLWATCH)) {
        continue;
      }
      sb.append("| ").append(label(method)).append(" at distillwatch's FPR |");
      int[] higherEqualLower = new int[3];
      for (Report r : reports) {
        MethodResult m = find(r, method);
        MethodResult d = find(r, Methods.DISTILLWATCH);
        OperatingPoint p = m == null ? null : m.atReferenceFpr();
        if (p == null || d == null) {
          sb.append(" - |");
          continue;
        }
        sb.append(' ').append(pct(p.recall())).append(" (")
            .append(Double.isInfinite(p.threshold()) ? "none: " + p.stoppedBy() : "≥" + threshold(p.threshold())).append(") |");
        higherEqualLower[1 + Integer.signum(Double.compare(p.recall(), d.recall()))]++;
      }
      sb.append(String.format(Locale.ROOT, " %d / %d / %d |%n", higherEqualLower[0], higherEqualLower[1],
          higherEqualLower[2]));
    }
    return sb.toString();
  }

  /** Writes reports as JSON. */
  public static void json(List<Report> reports, OutputStream out) throws IOException {
    JSON.writeValue(out, reports);
  }

  private static List<String> methodNames(List<Report> reports) {
    Set<String> names = new LinkedHashSet<>();
    for (Report r : reports) {
      for (MethodResult m : r.methods()) {
        names.add(m.method());
      }
    }
    return List.copyOf(names);
  }

  private static MethodResult find(Report r, String method) {
    for (MethodResult m : r.methods()) {
      if (m.method().equals(method)) {
        return m;
      }
    }
    return null;
  }

  private static String label(String method) {
    if (method.startsWith(Methods.ALONE)) {
      return method.substring(Methods.ALONE.length()) + " alone";
    }
    return method.equals(Methods.DISTILLWATCH) ? "**all (distillwatch)**" : method;
  }

  /** The larger of two shares, NaN counting as absent. */
  private static double max(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** A threshold to three decimals, or as many more as it takes not to round a score below 1 up to 1. */
  private static String threshold(double t) {
    String out = num(t);
    for (int decimals = 4; t < 1 && Double.parseDouble(out) >= 1 && decimals <= 9; decimals++) {
      out = String.format(Locale.ROOT, "%." + decimals + "f", t);
    }
    return out;
  }

  private static String whole(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String mb(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MB", bytes >> 20);
  }
}
