package dev.distillwatch.benchmarks.detectors;

import dev.distillwatch.benchmarks.BundledPrompts;
import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.template.TemplateConfig;
import dev.distillwatch.detectors.template.TemplateDetector;
import dev.distillwatch.detectors.template.TemplateFeatures;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per request of the template detector on ~1 KB prompts (bundled extraction-style tasks
 * wrapped in a template, 1,024 accounts so that every account is past the minimum and the
 * domain pass runs).
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar TemplateBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 *
 * <p>{@code derive}: the shared derivation alone (shingle + sign + task hash); {@code
 * inspectNoDomain}: the whole detector without the capability weighting; {@code inspect}: the
 * default detector, including the domain pass (shared with the domain detector when both run);
 * {@code inspectTwoThreads}: the default detector shared by two threads, to see contention on the
 * index lock; {@code deriveTwoThreads} is its lock-free baseline on the same two threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TemplateBenchmark {
  private static final long SEED = 42L;

  /** The prompts, shared read-only. */
  @State(Scope.Benchmark)
  public static class Input {
    /** Extraction-style tasks wrapped in one template, or raw benign prompts. */
    @Param({"templated", "benign"})
    public String kind;

    List<String> prompts;
    TemplateDetector detector;
    TemplateDetector noDomain;
    TemplateDetector shared;

    @Setup
    public void setup() {
      if (kind.equals("benign")) {
        prompts = BundledPrompts.ofLength("benign", 1024, 512);
      } else {
        List<String> tasks = BundledPrompts.ofLength("extraction-style", 990, 512);
        prompts = new ArrayList<>(tasks.size());
        for (String t : tasks) {
          prompts.add("### Instruction:\n" + t + "\n\n### Response:");
        }
      }
      Settings settings = Settings.of(SEED, 100_000, Clock.system());
      detector = TemplateDetector.create(TemplateConfig.ofDefaults(), settings);
      noDomain = TemplateDetector.create(TemplateConfig.builder().domainAware(false).build(), settings);
      shared = TemplateDetector.create(TemplateConfig.ofDefaults(), settings);
    }
  }

  /** Per-thread cursor. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
    long t = 1_700_000_000_000L;
    final String[] accounts = new String[1024];

    @Setup
    public void setup() {
      for (int i = 0; i < accounts.length; i++) {
        accounts[i] = "acct-" + Thread.currentThread().getId() + "-" + i;
      }
    }

    Exchange exchange(Input in) {
      int i = next++;
      return Exchange.builder().account(accounts[i & 1023]).timestamp(t += 50)
          .prompt(in.prompts.get(i & 511)).build();
    }
  }

  @Benchmark
  public TemplateFeatures derive(Input in, Cursor c) {
    return c.exchange(in).derived(TemplateFeatures.derivation(SEED));
  }

  @Benchmark
  public Signal inspectNoDomain(Input in, Cursor c) {
    return in.noDomain.inspect(c.exchange(in));
  }

  @Benchmark
  public Signal inspect(Input in, Cursor c) {
    return in.detector.inspect(c.exchange(in));
  }

  /** The lock-free part alone on two threads: the baseline {@code inspectTwoThreads} compares with. */
  @Benchmark
  @Threads(2)
  public TemplateFeatures deriveTwoThreads(Input in, Cursor c) {
    return c.exchange(in).derived(TemplateFeatures.derivation(SEED));
  }

  @Benchmark
  @Threads(2)
  public Signal inspectTwoThreads(Input in, Cursor c) {
    return in.shared.inspect(c.exchange(in));
  }
}
