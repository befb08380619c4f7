package dev.distillwatch.simulator.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/** Renders reports as Markdown tables (readable in a terminal and in docs) and as JSON. */
public final class ReportTables {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        + " | served before first flag | served unflagged |\n");
    sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
    if (!r.methods().isEmpty()) {
      int cohorts = r.methods().get(0).cohorts().size();
      for (int c = 0; c < cohorts; c++) {
        for (MethodResult m : r.methods()) {
          CohortResult g = m.cohorts().get(c);
          sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %,d | %s | %s / %s | %s | %s |%n", g.group(),
              g.kind(), m.method(), g.accounts(), g.requests(), pct(g.flaggedShare()), whole(g.medianRequestsBeforeFlag()),
              whole(g.p95RequestsBeforeFlag()), pct(g.servedBeforeFirstFlag()), pct(g.servedUnflagged())));
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

  /** Writes reports as JSON. */
  public static void json(List<Report> reports, OutputStream out) throws IOException {
    JSON.writeValue(out, reports);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String whole(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String mb(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MB", bytes >> 20);
  }
}
