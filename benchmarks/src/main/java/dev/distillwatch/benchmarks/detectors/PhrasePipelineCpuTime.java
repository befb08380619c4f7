package dev.distillwatch.benchmarks.detectors;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The bodies of {@link PhrasePipelineBenchmark}, timed in thread CPU time rather than wall time:
 * on a shared machine JMH's wall-clock averages include the time the thread waited for a core,
 * CPU time does not. A supplement to JMH, not a replacement (no blackhole, no forks).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.distillwatch.benchmarks.detectors.PhrasePipelineCpuTime
 * </pre>
 */
public final class PhrasePipelineCpuTime {
  private static volatile Object sink;

  private PhrasePipelineCpuTime() {}

  public static void main(String[] args) throws Exception {
    PhrasePipelineBenchmark b = new PhrasePipelineBenchmark();
    b.length = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    if (args.length > 1) { // a prompt folder other than the bundled sample
      System.setProperty("distillwatch.prompts", args[1]);
    }
    b.accounts = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    b.setUp();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    run(mx, "barePass", () -> b.barePass());
    run(mx, "buildExchange", b::buildExchange);
    run(mx, "phraseScan", b::phraseScan);
    run(mx, "phraseDetectors", b::phraseDetectors);
    run(mx, "defaultPipeline", b::defaultPipeline);
  }

  private static void run(ThreadMXBean mx, String name, Supplier<?> body) {
    int ops = 200_000;
    for (int i = 0; i < ops; i++) { // warm-up
      sink = body.get();
    }
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < ops; i++) {
        sink = body.get();
      }
      best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) / (double) ops);
    }
    System.out.println(String.format(Locale.ROOT, "%-16s %8.0f ns/op (thread CPU time, best of 5 x %d)", name, best, ops));
  }
}
