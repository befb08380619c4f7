package dev.distillwatch.benchmarks.detectors;

import dev.distillwatch.benchmarks.BundledPrompts;
import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Verdict;
import dev.distillwatch.simulator.evaluation.Methods;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per request of each default detector alone, as the evaluation's ablation runs it
 * ({@link Methods#alone}: the suite's settings and thresholds, no other detector), through
 * {@code DistillWatch.inspect} on a fresh exchange of ~1 KB of bundled benign text, the requests
 * spread over 256 accounts. Alone, a detector pays for every shared pass it reads (phrase scan,
 * shingles, domain classification); in the whole pipeline those are paid once for all.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DetectorAloneBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DetectorAloneBenchmark {
  private static final long T0 = 1_767_225_600_000L;
  private static final int PROMPTS = 512;
  private static final int ACCOUNTS = 256;

  /** A default detector's name. */
  @Param({"volume", "reasoning", "recipe", "parameters", "template"})
  public String detector;

  private List<String> texts;
  private final String[] accounts = new String[ACCOUNTS];
  private DistillWatch pipeline;
  private int next;
  private long clock = T0;

  @Setup
  public void setUp() {
    texts = BundledPrompts.ofLength("benign", 1024, PROMPTS);
    for (int a = 0; a < ACCOUNTS; a++) {
      accounts[a] = "acc-" + a;
    }
    pipeline = Methods.alone(detector).pipelines().get();
  }

  @Benchmark
  public Verdict inspect() {
    int i = next++;
    Exchange e = Exchange.builder().account(accounts[Math.floorMod(i * 7919, ACCOUNTS)]).timestamp(clock += 50)
        .prompt(texts.get(Math.floorMod(i, texts.size()))).build();
    return pipeline.inspect(e);
  }
}
