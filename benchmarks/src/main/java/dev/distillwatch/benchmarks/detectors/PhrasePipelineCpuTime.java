package dev.distillwatch.benchmarks.detectors;

import dev.distillwatch.benchmarks.CpuTime;
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
  private PhrasePipelineCpuTime() {}

  public static void main(String[] args) throws Exception {
    PhrasePipelineBenchmark b = new PhrasePipelineBenchmark();
    b.length = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    if (args.length > 1) { // a prompt folder other than the bundled sample
      System.setProperty("distillwatch.prompts", args[1]);
    }
    b.accounts = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    b.setUp();
    run("barePass", () -> b.barePass());
    run("buildExchange", b::buildExchange);
    run("phraseScan", b::phraseScan);
    run("phraseDetectors", b::phraseDetectors);
    run("defaultPipeline", b::defaultPipeline);
  }

  private static void run(String name, Supplier<?> body) {
    CpuTime.print(name, 200_000, body);
  }
}
