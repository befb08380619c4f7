package dev.distillwatch.sketches.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillwatch.sketches.SketchFormatException;
import dev.distillwatch.sketches.StatAsserts;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class TemplateIndexTest {
  private static final OnePermutationMinHash MINHASH = OnePermutationMinHash.create(128, 5);

  /** A random "template": a fixed core of elements plus per-prompt noise. */
  static long[] member(long[] core, SplittableRandom rnd, int noise) {
    long[] elements = new long[core.length + noise];
    System.arraycopy(core, 0, elements, 0, core.length);
    for (int i = core.length; i < elements.length; i++) {
      elements[i] = rnd.nextLong();
    }
    return MINHASH.compute(elements, elements.length);
  }

  static long[] randomCore(SplittableRandom rnd, int size) {
    long[] core = new long[size];
    for (int i = 0; i < size; i++) {
      core[i] = rnd.nextLong();
    }
    return core;
  }

  @RepeatedTest(10)
  void membersOfOneTemplateShareAClusterAndUnrelatedSetsDoNot(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    TemplateIndex index = TemplateIndex.builder().capacity(1000).build();
    long[] core = randomCore(rnd, 60);
    Set<Long> templateClusters = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      templateClusters.add(index.assign(member(core, rnd, 40), rnd.nextLong(), i)); // J ≈ 0.43
    }
    Set<Long> unrelated = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      unrelated.add(index.assign(member(randomCore(rnd, 60), rnd, 0), rnd.nextLong(), 100 + i));
    }
    assertThat(templateClusters).hasSize(1);
    assertThat(unrelated).hasSize(200).doesNotContainAnyElementsOf(templateClusters);
    ClusterStats stats = index.stats(templateClusters.iterator().next());
    assertThat(stats.count()).isEqualTo(50);
    assertThat(stats.firstSeenMillis()).isZero();
    assertThat(stats.lastSeenMillis()).isEqualTo(49);
  }

  @Test
  void idsAreMonotonicAndNeverReusedAndCapacityIsFixed() {
    SplittableRandom rnd = new SplittableRandom(3);
    TemplateIndex index = TemplateIndex.builder().capacity(64).build();
    long previous = 0;
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      long id = index.assign(member(randomCore(rnd, 30), rnd, 0), 1, i);
      assertThat(id).isGreaterThan(previous);
      assertThat(seen.add(id)).isTrue();
      previous = id;
      assertThat(index.size()).isLessThanOrEqualTo(64);
    }
    assertThat(index.size()).isEqualTo(64);
  }

  @Test
  void evictsColdClustersAndKeepsHotOnes() {
    SplittableRandom rnd = new SplittableRandom(4);
    TemplateIndex index = TemplateIndex.builder().capacity(32).build();
    long[] hotCore = randomCore(rnd, 80);
    long hot = index.assign(member(hotCore, rnd, 10), 1, 0);
    for (int i = 1; i < 2000; i++) {
      if (i % 4 == 0) {
        assertThat(index.assign(member(hotCore, rnd, 10), 1, i)).isEqualTo(hot);
      } else {
        index.assign(member(randomCore(rnd, 30), rnd, 0), 1, i);
      }
    }
    assertThat(index.stats(hot)).isNotNull();
    assertThat(index.stats(hot).count()).isEqualTo(500);
  }

  /** Distinct accounts per cluster: UltraLogLog p = 8, RSE ≈ 0.785/16 ≈ 4.9%; 3σ with ≥ 99%. */
  @Test
  void distinctAccountsAreWithinTheStatedBound() {
    SplittableRandom rnd = new SplittableRandom(5);
    int trials = 300;
    int failures = 0;
    for (int t = 0; t < trials; t++) {
      TemplateIndex index = TemplateIndex.builder().capacity(4).build();
      long[] signature = member(randomCore(rnd, 50), rnd, 0);
      int accounts = 100 + rnd.nextInt(5000);
      long id = 0;
      for (int a = 0; a < accounts; a++) {
        long account = rnd.nextLong();
        id = index.assign(signature, account, a);
        index.assign(signature, account, a); // repeats do not count
      }
      double estimate = index.stats(id).distinctAccounts();
      if (Math.abs(estimate - accounts) > 3 * 0.049 * accounts) {
        failures++;
      }
    }
    StatAsserts.assertFailureRateAtMost(trials, failures, 0.01);
  }

  @RepeatedTest(5)
  void roundTripIsIdenticalAndBehavesIdentically(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    TemplateIndex index = TemplateIndex.builder().capacity(50).membersPerCluster(1 + rnd.nextInt(4))
        .build();
    List<long[]> cores = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      cores.add(randomCore(rnd, 40));
    }
    for (int i = 0; i < 400; i++) {
      index.assign(member(cores.get(rnd.nextInt(cores.size())), rnd, 20), rnd.nextLong(), i);
    }
    byte[] bytes = index.toByteArray();
    TemplateIndex copy = TemplateIndex.fromByteArray(bytes);
    assertThat(copy.toByteArray()).isEqualTo(bytes);
    assertThat(copy.clusters()).isEqualTo(index.clusters());
    for (int i = 0; i < 200; i++) {
      long[] signature = member(cores.get(rnd.nextInt(cores.size())), rnd, 20);
      long account = rnd.nextLong();
      assertThat(copy.assign(signature, account, 1000 + i))
          .isEqualTo(index.assign(signature, account, 1000 + i));
    }
    assertThat(copy.toByteArray()).isEqualTo(index.toByteArray());
  }

  @Test
  void corruptBytesFailWithAClearMessage() {
    SplittableRandom rnd = new SplittableRandom(6);
    TemplateIndex index = TemplateIndex.builder().capacity(8).build();
    for (int i = 0; i < 5; i++) {
      index.assign(member(randomCore(rnd, 40), rnd, 0), i, i);
    }
    byte[] bytes = index.toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertThatThrownBy(() -> TemplateIndex.fromByteArray(truncated))
        .isInstanceOf(SketchFormatException.class).hasMessageContaining("truncated");
    byte[] badSize = bytes.clone();
    badSize[8] = 0; // capacity 0
    badSize[9] = 0;
    assertThatThrownBy(() -> TemplateIndex.fromByteArray(badSize))
        .isInstanceOf(SketchFormatException.class).hasMessageContaining("capacity");
  }

  @Test
  void rejectsSignaturesOfTheWrongSize() {
    TemplateIndex index = TemplateIndex.builder().build();
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> index.assign(new long[64], 0, 0));
  }

  @Test
  void assignsToTheMostSimilarQualifyingCluster() {
    SplittableRandom rnd = new SplittableRandom(8);
    long[] shared = randomCore(rnd, 100);
    long[] nearCore = Arrays.copyOf(shared, 140);
    long[] farCore = Arrays.copyOf(shared, 140);
    for (int i = 100; i < 140; i++) {
      nearCore[i] = rnd.nextLong();
      farCore[i] = rnd.nextLong();
    }
    TemplateIndex index = TemplateIndex.builder().capacity(8).newClusterThreshold(0.9).build();
    long far = index.assign(MINHASH.compute(farCore, farCore.length), 1, 0);
    long near = index.assign(MINHASH.compute(nearCore, nearCore.length), 1, 1);
    assertThat(near).isNotEqualTo(far);
    // query shares 130 of 140 with nearCore (J ≈ 0.87) and 100 with farCore (J ≈ 0.56)
    long[] query = Arrays.copyOf(nearCore, 140);
    for (int i = 130; i < 140; i++) {
      query[i] = rnd.nextLong();
    }
    TemplateIndex lenient = TemplateIndex.builder().capacity(8).newClusterThreshold(0.5)
        .supportedThreshold(0.5).build();
    long lenientFar = lenient.assign(MINHASH.compute(farCore, farCore.length), 1, 0);
    long lenientNear = lenient.assign(MINHASH.compute(nearCore, nearCore.length), 1, 1);
    assertThat(lenientNear).isEqualTo(lenientFar); // J ≈ 0.56 ≥ 0.5: joins
    TemplateIndex strict = TemplateIndex.builder().capacity(8).newClusterThreshold(0.7)
        .supportedThreshold(0.7).build();
    long strictFar = strict.assign(MINHASH.compute(farCore, farCore.length), 1, 0);
    long strictNear = strict.assign(MINHASH.compute(nearCore, nearCore.length), 1, 1);
    assertThat(strict.assign(MINHASH.compute(query, query.length), 1, 2))
        .isEqualTo(strictNear).isNotEqualTo(strictFar);
  }

  @Test
  void replayingTheSameLogGivesIdenticalState() {
    TemplateIndex a = TemplateIndex.builder().capacity(16).build();
    TemplateIndex b = TemplateIndex.builder().capacity(16).build();
    for (TemplateIndex index : new TemplateIndex[] {a, b}) {
      SplittableRandom rnd = new SplittableRandom(9);
      List<long[]> cores = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        cores.add(randomCore(rnd, 30));
      }
      for (int i = 0; i < 500; i++) {
        index.assign(member(cores.get(rnd.nextInt(40)), rnd, 10), rnd.nextLong(), 1_700_000_000_000L + i);
      }
    }
    assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
  }
}
