package dev.distillwatch.benchmarks.simulator;

import dev.distillwatch.simulator.LabelledExchange;
import dev.distillwatch.simulator.PromptLibrary;
import dev.distillwatch.simulator.Scenario;
import dev.distillwatch.simulator.Scenarios;
import dev.distillwatch.simulator.Simulator;
import dev.distillwatch.simulator.traffic.TrafficLogWriter;
import java.io.OutputStream;
import java.util.Iterator;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of generating one simulated exchange of the {@code alibaba} scenario (at scale 0.01:
 * the same mix, fewer accounts), and of generating and writing it as a traffic-log line.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar SimulatorBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulatorBenchmark {
  private PromptLibrary prompts;
  private Scenario scenario;
  private Iterator<LabelledExchange> traffic;
  private TrafficLogWriter writer;

  @Setup
  public void setUp() {
    prompts = PromptLibrary.bundled();
    scenario = Scenarios.alibaba().scaled(0.01);
    traffic = Simulator.stream(scenario, prompts);
    writer = new TrafficLogWriter(OutputStream.nullOutputStream());
  }

  private LabelledExchange nextExchange() {
    if (!traffic.hasNext()) {
      traffic = Simulator.stream(scenario, prompts);
    }
    return traffic.next();
  }

  @Benchmark
  public LabelledExchange generate() {
    return nextExchange();
  }

  @Benchmark
  public long generateAndWrite() {
    writer.write(nextExchange());
    return writer.lines();
  }
}
