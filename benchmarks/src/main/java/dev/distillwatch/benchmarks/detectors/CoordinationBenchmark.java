package dev.distillwatch.benchmarks.detectors;

import dev.distillwatch.benchmarks.BundledPrompts;
import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.coordination.CoordinationConfig;
import dev.distillwatch.detectors.coordination.CoordinationDetector;
import dev.distillwatch.detectors.template.TemplateFeatures;
import dev.distillwatch.detectors.text.PhraseScan;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per request of the coordination detector: 8,192 prebuilt ~1 KB exchanges of 4,096
 * accounts, half of them a hydra (shared payments, a proxy pool, one template), half benign users
 * (own payment and address). The shared derivations (template features, phrase scan) are computed
 * in setup, as the template and reasoning detectors would have done in the default suite, so
 * {@code inspect} measures the detector's own work; the domain pass it samples (one member request
 * in 8) is included.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar CoordinationBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoordinationBenchmark {
  private static final long SEED = 42L;

  /** The exchanges and the detector, shared. */
  @State(Scope.Benchmark)
  public static class Input {
    Exchange[] exchanges;
    CoordinationDetector detector;

    @Setup
    public void setup() {
      List<String> tasks = BundledPrompts.ofLength("extraction-style", 990, 512);
      List<String> benign = BundledPrompts.ofLength("benign", 1024, 512);
      SplittableRandom r = new SplittableRandom(1);
      String[] proxies = new String[300];
      for (int i = 0; i < proxies.length; i++) {
        proxies[i] = (24 + r.nextInt(150)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
      }
      exchanges = new Exchange[8192];
      long t = 1_700_000_000_000L;
      for (int i = 0; i < exchanges.length; i++) {
        int account = i & 4095;
        Exchange.Builder b = Exchange.builder().timestamp(t += 50).userAgent("python-requests/2.32.3");
        if (account < 2048) {
          b.account("hydra-" + account).prompt("### Instruction:\n" + tasks.get(i & 511) + "\n\n### Response:")
              .payment("pm-" + (account % 50)).ip(proxies[r.nextInt(proxies.length)])
              .attribute("asn", "AS" + r.nextInt(300));
        } else {
          b.account("user-" + account).prompt(benign.get(i & 511)).payment("pm-user-" + account)
              .ip("81." + (account >> 8) + "." + (account & 255) + ".7").attribute("asn", "AS" + (account >> 4));
        }
        Exchange e = b.build();
        e.derived(TemplateFeatures.derivation(SEED));
        e.derived(PhraseScan.DERIVATION);
        exchanges[i] = e;
      }
      detector = CoordinationDetector.create(CoordinationConfig.ofDefaults(), Settings.of(SEED, 100_000, Clock.system()));
    }
  }

  /** Per-thread cursor. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  public Signal inspect(Input in, Cursor c) {
    return in.detector.inspect(in.exchanges[c.next++ & 8191]);
  }

  /** The same on two threads: contention on the striped and union locks. */
  @Benchmark
  @Threads(2)
  public Signal inspectTwoThreads(Input in, Cursor c) {
    return in.detector.inspect(in.exchanges[c.next++ & 8191]);
  }
}
