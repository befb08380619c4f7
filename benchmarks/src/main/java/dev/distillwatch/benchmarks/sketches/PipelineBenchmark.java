package dev.distillwatch.benchmarks.sketches;

import dev.distillwatch.sketches.index.TemplateIndex;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import dev.distillwatch.sketches.text.PromptShingler;
import dev.distillwatch.sketches.text.ShingleBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request sketches path on ~1 KB prompts: a bare pass over the chars (baseline),
 * shingling (normalise + slot + skeleton + hash), signature, and index assignment into an index
 * pre-filled with 10,000 clusters.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PipelineBenchmark {
  private final PromptShingler shingler = PromptShingler.builder(0x5EEDL).build();
  private final OnePermutationMinHash minHash = OnePermutationMinHash.create(128, 0x5EEDL);
  private final ShingleBuffer buffer = new ShingleBuffer();
  private final long[] signature = new long[128];
  private List<String> prompts;
  private long[][] signatures;
  private TemplateIndex index;
  private int next;
  private long time;

  @Setup(Level.Trial)
  public void setUp() {
    prompts = Prompts.generate(512, 1024, 1);
    signatures = new long[prompts.size()][];
    for (int i = 0; i < prompts.size(); i++) {
      shingler.shingle(prompts.get(i), buffer);
      signatures[i] = minHash.compute(buffer.skeleton(), buffer.skeletonSize());
    }
    index = TemplateIndex.builder().capacity(10_000).build();
    List<String> background = Prompts.generate(10_000, 300, 2);
    for (String p : background) {
      shingler.shingle("unrelated " + p.substring(p.length() / 2), buffer);
      index.assign(minHash.compute(buffer.skeleton(), buffer.skeletonSize()), time, time++);
    }
  }

  @Benchmark
  public int barePassOverChars() {
    String prompt = prompts.get(next++ & 511);
    int sum = 0;
    for (int i = 0; i < prompt.length(); i++) {
      sum += prompt.charAt(i);
    }
    return sum;
  }

  @Benchmark
  public int shingle() {
    shingler.shingle(prompts.get(next++ & 511), buffer);
    return buffer.skeletonSize();
  }

  @Benchmark
  public long[] shingleAndSign() {
    shingler.shingle(prompts.get(next++ & 511), buffer);
    minHash.compute(buffer.skeleton(), buffer.skeletonSize(), signature);
    return signature;
  }

  @Benchmark
  public long indexAssign() {
    return index.assign(signatures[next++ & 511], next, time++);
  }

  @Benchmark
  public long shingleSignAssign() {
    shingler.shingle(prompts.get(next++ & 511), buffer);
    minHash.compute(buffer.skeleton(), buffer.skeletonSize(), signature);
    return index.assign(signature, next, time++);
  }
}
