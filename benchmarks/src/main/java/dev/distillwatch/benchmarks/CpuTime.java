package dev.distillwatch.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times a body in thread CPU time (best of 5 rounds after a warm-up round), for the CPU-time
 * supplements to the JMH benchmarks: on a shared machine JMH's wall-clock averages include the
 * time the thread waited for a core, CPU time does not. No blackhole, no forks.
 */
public final class CpuTime {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static volatile Object sink;

  private CpuTime() {}

  /** Runs {@code body} {@code ops} times per round and prints the best round's ns per call. */
  public static void print(String name, int ops, Supplier<?> body) {
    for (int i = 0; i < ops; i++) { // warm-up
      sink = body.get();
    }
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long c0 = MX.getCurrentThreadCpuTime();
      for (int i = 0; i < ops; i++) {
        sink = body.get();
      }
      best = Math.min(best, (MX.getCurrentThreadCpuTime() - c0) / (double) ops);
    }
    System.out.println(String.format(Locale.ROOT, "%-18s %8.0f ns/op (thread CPU time, best of 5 x %d)", name, best, ops));
  }
}
