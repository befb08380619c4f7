package dev.distillwatch.simulator.evaluation;

import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Level;
import dev.distillwatch.core.Verdict;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.PromptLibrary;
import dev.distillwatch.simulator.Scenario;
import dev.distillwatch.simulator.Simulator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Replays labelled traffic through several methods at once, each exchange through every method
 * in turn, and measures per cohort and campaign how many accounts each flags and how early.
 *
 * <p>The traffic is consumed as a stream; memory is one small record per account and per label
 * group (plus what the methods themselves keep), never per exchange. Labels are read only here,
 * after each method's verdict: no method sees them.
 */
public final class Evaluation {
  private static final int HEAP_SAMPLE_EVERY = 8_192;

  private Evaluation() {}

  private static final class AccountRecord {
    final Label label;
    int requests;
    final double[] maxScore;
    final int[] firstFlag; // 1-based index of the flagging request; 0 if never
    final String[] campaign; // the campaign id of the last verdict, or null

    AccountRecord(Label label, int methods) {
      this.label = label;
      this.maxScore = new double[methods];
      this.firstFlag = new int[methods];
      this.campaign = new String[methods];
    }
  }

  private static final class GroupRecord {
    final Label.Kind kind;
    long requests;
    final boolean[] flagged;
    final long[] servedBeforeFirstFlag;

    GroupRecord(Label.Kind kind, int methods) {
      this.kind = kind;
      this.flagged = new boolean[methods];
      this.servedBeforeFirstFlag = new long[methods];
    }
  }

  /** Runs {@code methods} over a scenario's traffic, generated as it is replayed. */
  public static Report run(Scenario scenario, PromptLibrary prompts, List<Method> methods) {
    return run(scenario.name(), Simulator.stream(scenario, prompts), methods);
  }

  /**
   * Runs {@code methods} over {@code traffic} and reports.
   *
   * @param scenario the name to report under
   */
  public static Report run(String scenario, Iterator<LabelledExchange> traffic, List<Method> methods) {
    return run(scenario, methods, sink -> traffic.forEachRemaining(sink));
  }

  /**
   * Runs {@code methods} over the traffic that {@code source} pushes into the consumer it is
   * given, in timestamp order (for push-style readers such as
   * {@link dev.distillwatch.simulator.traffic.TrafficLogReader}), and reports.
   *
   * @param scenario the name to report under
   */
  public static Report run(String scenario, List<Method> methods, Consumer<Consumer<LabelledExchange>> source) {
    int m = methods.size();
    DistillWatch[] pipelines = new DistillWatch[m];
    for (int i = 0; i < m; i++) {
      pipelines[i] = methods.get(i).pipelines().get();
    }
    long[] nanos = new long[m];
    Map<String, AccountRecord> accounts = new HashMap<>();
    Map<String, GroupRecord> groups = new TreeMap<>();
    HeapWatch heap = new HeapWatch();
    long[] exchanges = {0};
    long started = System.nanoTime();
    source.accept(le -> {
      Exchange e = le.exchange();
      AccountRecord a = accounts.get(e.account());
      if (a == null) {
        a = new AccountRecord(le.label(), m);
        accounts.put(e.account(), a);
      }
      GroupRecord g = groups.computeIfAbsent(le.label().group(), k -> new GroupRecord(le.label().kind(), m));
      a.requests++;
      g.requests++;
      for (int i = 0; i < m; i++) {
        long t0 = System.nanoTime();
        Verdict v = pipelines[i].inspect(e);
        nanos[i] += System.nanoTime() - t0;
        if (v.score() > a.maxScore[i]) {
          a.maxScore[i] = v.score();
        }
        a.campaign[i] = v.campaign().orElse(null);
        boolean flag = v.level().atLeast(Level.FLAG);
        if (flag && a.firstFlag[i] == 0) {
          a.firstFlag[i] = a.requests;
        }
        if (!g.flagged[i]) {
          if (flag) {
            g.flagged[i] = true;
          } else {
            g.servedBeforeFirstFlag[i]++;
          }
        }
      }
      if (++exchanges[0] % HEAP_SAMPLE_EVERY == 0) {
        heap.sample();
      }
    });
    heap.sample();
    double seconds = (System.nanoTime() - started) / 1e9;
    long[] referenceFlagged = referenceFlagged(methods, accounts);
    List<MethodResult> results = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      long failures = pipelines[i].stats().failures().values().stream().mapToLong(Long::longValue).sum();
      results.add(result(methods.get(i).name(), i, accounts, groups, exchanges[0], nanos[i], failures, referenceFlagged));
    }
    return new Report(scenario, exchanges[0], accounts.size(), seconds, exchanges[0] / Math.max(seconds, 1e-9),
        heap.peakUsed, heap.peakLive(), results);
  }

  /**
   * Accounts flagged per {@link Label.Kind} by the method named {@link Methods#DISTILLWATCH}, the
   * reference of {@link MatchedFpr}; null when it is not among {@code methods}.
   */
  private static long[] referenceFlagged(List<Method> methods, Map<String, AccountRecord> accounts) {
    int ref = methods.stream().map(Method::name).toList().indexOf(Methods.DISTILLWATCH);
    if (ref < 0) {
      return null;
    }
    long[] flagged = new long[Label.Kind.values().length];
    for (AccountRecord a : accounts.values()) {
      if (a.firstFlag[ref] > 0) {
        flagged[a.label.kind().ordinal()]++;
      }
    }
    return flagged;
  }

  private static MethodResult result(String name, int i, Map<String, AccountRecord> accounts,
      Map<String, GroupRecord> groups, long exchanges, long nanos, long failures, long[] referenceFlagged) {
    int n = accounts.size();
    double[] scores = new double[n];
    boolean[] positive = new boolean[n];
    Label[] labels = new Label[n];
    long[] kindAccounts = new long[Label.Kind.values().length];
    long[] kindFlagged = new long[Label.Kind.values().length];
    Map<String, List<AccountRecord>> byGroup = new TreeMap<>();
    long[] campaignBefore = new long[n];
    int campaignFlagged = 0;
    int k = 0;
    for (AccountRecord a : accounts.values()) {
      if (a.label.isCampaign() && a.firstFlag[i] > 0) {
        campaignBefore[campaignFlagged++] = a.firstFlag[i] - 1;
      }
      scores[k] = a.maxScore[i];
      positive[k] = a.label.isCampaign();
      labels[k] = a.label;
      k++;
      kindAccounts[a.label.kind().ordinal()]++;
      if (a.firstFlag[i] > 0) {
        kindFlagged[a.label.kind().ordinal()]++;
      }
      byGroup.computeIfAbsent(a.label.group(), x -> new ArrayList<>()).add(a);
    }
    List<CohortResult> cohorts = new ArrayList<>();
    for (Map.Entry<String, GroupRecord> ge : groups.entrySet()) {
      List<AccountRecord> members = byGroup.getOrDefault(ge.getKey(), List.of());
      long[] before = new long[members.size()];
      int flagged = 0;
      long unflagged = 0;
      Map<String, Integer> campaignSizes = new HashMap<>();
      for (AccountRecord a : members) {
        if (a.campaign[i] != null) {
          campaignSizes.merge(a.campaign[i], 1, Integer::sum);
        }
        if (a.firstFlag[i] > 0) {
          before[flagged++] = a.firstFlag[i] - 1;
          unflagged += a.firstFlag[i] - 1;
        } else {
          unflagged += a.requests;
        }
      }
      GroupRecord g = ge.getValue();
      cohorts.add(new CohortResult(ge.getKey(), g.kind.wireName(), members.size(), g.requests, flagged,
          share(flagged, members.size()), Metrics.quantile(before, flagged, 0.5), Metrics.quantile(before, flagged, 0.95),
          share(g.servedBeforeFirstFlag[i], g.requests), share(unflagged, g.requests),
          campaignSizes.values().stream().mapToLong(Integer::longValue).sum(), campaignSizes.size(),
          members.isEmpty() ? 0 : campaignSizes.values().stream().mapToInt(Integer::intValue).max().orElse(0)
              / (double) members.size()));
    }
    int b = Label.Kind.BENIGN.ordinal();
    int h = Label.Kind.HARD.ordinal();
    int c = Label.Kind.CAMPAIGN.ordinal();
    return new MethodResult(name, share(kindFlagged[b], kindAccounts[b]), share(kindFlagged[h], kindAccounts[h]),
        share(kindFlagged[c], kindAccounts[c]), Metrics.rocAuc(scores, positive), Metrics.averagePrecision(scores, positive),
        Metrics.quantile(campaignBefore, campaignFlagged, 0.5), Metrics.quantile(campaignBefore, campaignFlagged, 0.95),
        exchanges / Math.max(nanos / 1e9, 1e-9), failures, cohorts, referenceFlagged == null ? null
            : MatchedFpr.select(scores, labels, referenceFlagged[b], referenceFlagged[h]));
  }

  private static double share(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }

  /** Samples heap use; reads the collectors' after-collection usage of the heap pools. */
  private static final class HeapWatch {
    private final List<MemoryPoolMXBean> pools = new ArrayList<>();
    long peakUsed;
    private long peakLive = -1;

    HeapWatch() {
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          p.resetPeakUsage();
          pools.add(p);
        }
      }
    }

    void sample() {
      peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      long live = 0;
      boolean any = false;
      for (MemoryPoolMXBean p : pools) {
        MemoryUsage u = p.getCollectionUsage();
        if (u != null) {
          live += u.getUsed();
          any = true;
        }
      }
      if (any) {
        peakLive = Math.max(peakLive, live);
      }
    }

    long peakLive() {
      return peakLive;
    }
  }
}
