package dev.distillwatch.benchmarks.sketches;

import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHasher;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One-permutation MinHash with optimal densification against hash4j SuperMinHash, k = 128, on
 * sets of {@code elements} 64-bit hashes: speed from JMH, and (printed at tear-down of the same
 * run) the Jaccard estimation RMSE of both over 2,000 random set pairs of known similarity.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignatureBenchmark {
  private static final int K = 128;

  @Param({"200"})
  public int elements;

  private long[][] sets;
  private int next;
  private final long[] out = new long[K];
  private final OnePermutationMinHash oph = OnePermutationMinHash.create(K, 0x5EEDL);
  private final SimilarityHashPolicy superPolicy = SimilarityHashing.superMinHash(K, 64);
  private final SimilarityHasher superMinHash = superPolicy.createHasher();

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(1);
    sets = new long[256][elements];
    for (long[] set : sets) {
      for (int i = 0; i < set.length; i++) {
        set[i] = rnd.nextLong();
      }
    }
  }

  @Benchmark
  public long[] onePermutationMinHash() {
    long[] set = sets[next++ & 255];
    oph.compute(set, set.length, out);
    return out;
  }

  @Benchmark
  public byte[] hash4jSuperMinHash() {
    long[] set = sets[next++ & 255];
    return superMinHash.compute(ElementHashProvider.ofValues(set));
  }

  /** Prints the Jaccard RMSE of both schemes on the same random pairs. */
  @TearDown(Level.Trial)
  public void reportError() {
    SplittableRandom rnd = new SplittableRandom(7);
    double ophSquared = 0;
    double smhSquared = 0;
    int trials = 2000;
    for (int t = 0; t < trials; t++) {
      int union = 20 + rnd.nextInt(981);
      int shared = rnd.nextInt(union + 1);
      int onlyA = rnd.nextInt(union - shared + 1);
      long[] a = new long[shared + onlyA];
      long[] b = new long[union - onlyA];
      for (int i = 0; i < shared; i++) {
        a[i] = b[i] = rnd.nextLong();
      }
      for (int i = shared; i < a.length; i++) {
        a[i] = rnd.nextLong();
      }
      for (int i = shared; i < b.length; i++) {
        b[i] = rnd.nextLong();
      }
      double truth = shared / (double) union;
      double o = OnePermutationMinHash.similarity(oph.compute(a, a.length), oph.compute(b, b.length));
      double s = superPolicy.getFractionOfEqualComponents(
          superMinHash.compute(ElementHashProvider.ofValues(a)),
          superMinHash.compute(ElementHashProvider.ofValues(b)));
      ophSquared += (o - truth) * (o - truth);
      smhSquared += (s - truth) * (s - truth);
    }
    System.out.printf("%n[error] k=%d, %d random pairs: one-permutation RMSE %.4f, SuperMinHash RMSE %.4f%n",
        K, trials, Math.sqrt(ophSquared / trials), Math.sqrt(smhSquared / trials));
  }
}
