package dev.distillwatch.benchmarks;

import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Verdict;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of {@link DistillWatch#inspect} with the default suite, per request, on real prompts
 * cut to a fixed length, from 10,000 accounts in time order; beside it, one bare pass over the
 * same characters, the floor any text-reading pipeline pays.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar PipelineBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBenchmark {
  private static final int PROMPTS = 2_048;
  private static final int ACCOUNTS = 10_000;

  @Param({"1024"})
  public int promptChars;

  private DistillWatch watch;
  private Exchange[] exchanges;
  private String[] texts;
  private int next;
  private long clock = 1_767_225_600_000L;

  @Setup
  public void setUp() {
    List<String> prompts = BundledPrompts.ofLength("benign", promptChars, PROMPTS);
    texts = prompts.toArray(new String[0]);
    watch = DistillWatch.builder().defaults().maximumAccounts(100_000).build();
    exchanges = new Exchange[PROMPTS];
    for (int i = 0; i < PROMPTS; i++) {
      exchanges[i] = Exchange.builder().account("acct-" + (i * 7919 % ACCOUNTS)).prompt(texts[i]).build();
    }
  }

  @Benchmark
  public Verdict inspect() {
    int i = next++ & (PROMPTS - 1);
    clock += 50;
    // A fresh exchange per call, as a host builds one per request: nothing derived is reused.
    Exchange e = exchanges[i].withTimestamp(clock);
    return watch.inspect(e);
  }

  @Benchmark
  public void barePassOverChars(Blackhole bh) {
    String t = texts[next++ & (PROMPTS - 1)];
    int h = 0;
    for (int k = 0; k < t.length(); k++) {
      h = 31 * h + Character.toLowerCase(t.charAt(k));
    }
    bh.consume(h);
  }
}
