package dev.distillwatch.sketches.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.dynatrace.hash4j.similarity.ElementHashProvider;
import com.dynatrace.hash4j.similarity.SimilarityHashPolicy;
import com.dynatrace.hash4j.similarity.SimilarityHasher;
import com.dynatrace.hash4j.similarity.SimilarityHashing;
import dev.distillwatch.sketches.StatAsserts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnePermutationMinHashTest {
  private static final int K = 128;

  /** Two sets of sizes with a known Jaccard similarity: {@code shared} common elements. */
  record Pair(long[] a, long[] b, double jaccard) {}

  static Pair randomPair(SplittableRandom rnd, int sizeA, int sizeB, int shared) {
    long[] a = new long[sizeA];
    long[] b = new long[sizeB];
    for (int i = 0; i < shared; i++) {
      a[i] = b[i] = rnd.nextLong();
    }
    for (int i = shared; i < sizeA; i++) {
      a[i] = rnd.nextLong();
    }
    for (int i = shared; i < sizeB; i++) {
      b[i] = rnd.nextLong();
    }
    return new Pair(a, b, shared / (double) (sizeA + sizeB - shared));
  }

  @RepeatedTest(20)
  void signatureIsInvariantUnderPermutationAndDuplicates(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    OnePermutationMinHash minHash = OnePermutationMinHash.create(K, rnd.nextLong());
    int n = 1 + rnd.nextInt(500);
    long[] elements = new long[2 * n];
    for (int i = 0; i < n; i++) {
      elements[i] = elements[n + i] = rnd.nextLong();
    }
    long[] reversed = new long[n];
    for (int i = 0; i < n; i++) {
      reversed[i] = elements[n - 1 - i];
    }
    long[] expected = minHash.compute(elements, n);
    assertThat(minHash.compute(elements, 2 * n)).isEqualTo(expected);
    assertThat(minHash.compute(reversed, n)).isEqualTo(expected);
    assertThat(OnePermutationMinHash.similarity(expected, expected)).isEqualTo(1.0);
    for (long component : expected) {
      assertThat(component).isNotNegative();
    }
  }

  /**
   * Persisted signatures stay comparable only if the values never change: every component is the
   * one the published definition gives (bin by fast range, minimum, densification by the first
   * filled bin on the bin's probe sequence), written here as plainly as possible. Set sizes from
   * one element (nearly every bin borrowed) to many times k, and k not a multiple of 64.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 63, 100, 128, 200})
  void componentsAreThoseOfTheDefinition(int k) {
    SplittableRandom rnd = new SplittableRandom(k);
    for (int round = 0; round < 200; round++) {
      long seed = rnd.nextLong();
      OnePermutationMinHash minHash = OnePermutationMinHash.create(k, seed);
      long[] elements = new long[round < 20 ? 1 + round : 1 + rnd.nextInt(4 * k)];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = rnd.nextLong();
      }
      assertThat(minHash.compute(elements, elements.length))
          .as("k=%d, %d elements", k, elements.length)
          .isEqualTo(definition(k, seed, elements));
    }
  }

  private static long[] definition(int k, long seed, long[] elements) {
    long[] bins = new long[k];
    boolean[] filled = new boolean[k];
    for (long e : elements) {
      long h = OnePermutationMinHash.mix(e ^ seed);
      int bin = (int) (((h >>> 32) * k) >>> 32);
      bins[bin] = filled[bin] ? Math.min(bins[bin], h >>> 1) : h >>> 1;
      filled[bin] = true;
    }
    long[] signature = new long[k];
    for (int i = 0; i < k; i++) {
      int donor = i;
      for (int m = i + 2; !filled[donor]; m++) {
        long probe = OnePermutationMinHash.mix(seed + m * 0x9E3779B97F4A7C15L);
        donor = (int) (((probe >>> 32) * k) >>> 32);
      }
      signature[i] = bins[donor];
    }
    return signature;
  }

  @Test
  void emptySetGetsAConstantSignature() {
    OnePermutationMinHash minHash = OnePermutationMinHash.create(K, 1);
    assertThat(minHash.compute(new long[0], 0)).containsOnly(-1L);
  }

  /**
   * Stated bound: |estimate − J| ≤ 3·sqrt(J(1−J)/k) with probability ≥ 99%, checked with a
   * one-sided binomial test over random set pairs of known Jaccard similarity.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.2, 0.5, 0.8})
  void estimateIsWithinThreeSigmaWithStatedProbability(double targetJaccard) {
    SplittableRandom rnd = new SplittableRandom(Double.doubleToLongBits(targetJaccard));
    int trials = 2000;
    int failures = 0;
    for (int t = 0; t < trials; t++) {
      OnePermutationMinHash minHash = OnePermutationMinHash.create(K, rnd.nextLong());
      int union = 50 + rnd.nextInt(950);
      int shared = (int) Math.round(targetJaccard * union);
      int onlyA = (union - shared) / 2;
      Pair pair = randomPair(rnd, shared + onlyA, union - onlyA, shared);
      double estimate = OnePermutationMinHash.similarity(
          minHash.compute(pair.a(), pair.a().length), minHash.compute(pair.b(), pair.b().length));
      double sigma = Math.sqrt(pair.jaccard() * (1 - pair.jaccard()) / K);
      if (Math.abs(estimate - pair.jaccard()) > 3 * sigma + 1e-12) {
        failures++;
      }
    }
    StatAsserts.assertFailureRateAtMost(trials, failures, 0.01);
  }

  /**
   * The acceptance check: at k = 128 the one-permutation signature's Jaccard RMSE is no
   * worse than 1.5× that of hash4j SuperMinHash over the same random set pairs (sizes 20–1000,
   * Jaccard 0–1). Prints both for the README.
   */
  @Test
  void jaccardErrorIsWithinOneAndAHalfTimesSuperMinHash() {
    SimilarityHashPolicy policy = SimilarityHashing.superMinHash(K, 64);
    SimilarityHasher superMinHash = policy.createHasher();
    OnePermutationMinHash oph = OnePermutationMinHash.create(K, 42);
    SplittableRandom rnd = new SplittableRandom(7);
    int trials = 4000;
    double ophSquared = 0;
    double smhSquared = 0;
    double ophAbs = 0;
    double smhAbs = 0;
    for (int t = 0; t < trials; t++) {
      int union = 20 + rnd.nextInt(981);
      int shared = rnd.nextInt(union + 1);
      int onlyA = rnd.nextInt(union - shared + 1);
      Pair pair = randomPair(rnd, shared + onlyA, union - onlyA, shared);
      double ophEstimate = OnePermutationMinHash.similarity(
          oph.compute(pair.a(), pair.a().length), oph.compute(pair.b(), pair.b().length));
      double smhEstimate = policy.getFractionOfEqualComponents(
          superMinHash.compute(ElementHashProvider.ofValues(pair.a())),
          superMinHash.compute(ElementHashProvider.ofValues(pair.b())));
      ophSquared += sq(ophEstimate - pair.jaccard());
      smhSquared += sq(smhEstimate - pair.jaccard());
      ophAbs += Math.abs(ophEstimate - pair.jaccard());
      smhAbs += Math.abs(smhEstimate - pair.jaccard());
    }
    double ophRmse = Math.sqrt(ophSquared / trials);
    double smhRmse = Math.sqrt(smhSquared / trials);
    System.out.printf("Jaccard error at k=%d over %d pairs: one-permutation RMSE %.4f MAE %.4f,"
        + " SuperMinHash RMSE %.4f MAE %.4f, ratio %.2f%n", K, trials, ophRmse, ophAbs / trials,
        smhRmse, smhAbs / trials, ophRmse / smhRmse);
    assertThat(ophRmse).isLessThanOrEqualTo(1.5 * smhRmse);
  }

  private static double sq(double x) {
    return x * x;
  }
}
