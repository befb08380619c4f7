package dev.distillwatch.benchmarks.sketches;

import dev.distillwatch.sketches.counter.CountMinSketch;
import dev.distillwatch.sketches.counter.DecayedCounter;
import dev.distillwatch.sketches.datasketches.DistinctCountSketch;
import dev.distillwatch.sketches.datasketches.FrequentItemsSketch;
import dev.distillwatch.sketches.datasketches.QuantileSketch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Update cost of the counters and DataSketches adapters. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CounterBenchmark {
  private CountMinSketch countMin;
  private DecayedCounter decayed;
  private DistinctCountSketch distinct;
  private QuantileSketch quantiles;
  private FrequentItemsSketch frequent;
  private long key;
  private long time;

  @Setup(Level.Trial)
  public void setUp() {
    countMin = CountMinSketch.withError(0.0005, 0.001, 0x5EEDL, 10L * 8192); // 8192 × 7
    decayed = new DecayedCounter(60_000);
    distinct = DistinctCountSketch.create(12);
    quantiles = QuantileSketch.create(200);
    frequent = FrequentItemsSketch.create(1024);
  }

  private long nextKey() {
    key += 0x9E3779B97F4A7C15L;
    return key >>> 48; // 65,536 distinct keys
  }

  @Benchmark
  public long countMinAdd() {
    long k = nextKey();
    countMin.add(k);
    return k;
  }

  @Benchmark
  public long countMinEstimate() {
    return countMin.estimate(nextKey());
  }

  @Benchmark
  public double decayedCounterAdd() {
    decayed.add(time += 7);
    return decayed.lastEventMillis();
  }

  @Benchmark
  public long distinctCountUpdate() {
    long k = nextKey();
    distinct.update(k);
    return k;
  }

  @Benchmark
  public long quantileUpdate() {
    long k = nextKey();
    quantiles.update(k);
    return k;
  }

  @Benchmark
  public long frequentItemsUpdate() {
    long k = nextKey();
    frequent.update(k);
    return k;
  }
}
