package dev.distillwatch.sketches;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillwatch.sketches.counter.CountMinSketch;
import dev.distillwatch.sketches.counter.DecayedCounter;
import dev.distillwatch.sketches.datasketches.DistinctCountSketch;
import dev.distillwatch.sketches.datasketches.FrequentItemsSketch;
import dev.distillwatch.sketches.datasketches.QuantileSketch;
import dev.distillwatch.sketches.index.TemplateIndex;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every structure rejects truncated, foreign and corrupt bytes with {@link SketchFormatException}. */
class SerialFormatTest {
  static Stream<Arguments> sketches() {
    SplittableRandom rnd = new SplittableRandom(1);
    CountMinSketch cms = CountMinSketch.create(64, 3, 1, 0);
    DecayedCounter decayed = new DecayedCounter(1000);
    DistinctCountSketch hll = DistinctCountSketch.create(8);
    QuantileSketch kll = QuantileSketch.create(50);
    FrequentItemsSketch frequent = FrequentItemsSketch.create(16);
    TemplateIndex index = TemplateIndex.builder().capacity(16).build();
    OnePermutationMinHash minHash = OnePermutationMinHash.create(128, 1);
    for (int i = 0; i < 3000; i++) {
      long key = rnd.nextInt(500);
      cms.add(key);
      decayed.add(i);
      hll.update(key);
      kll.update(key);
      frequent.update(key % 40);
    }
    for (int i = 0; i < 10; i++) {
      long[] elements = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
      index.assign(minHash.compute(elements, 3), i, i);
    }
    return Stream.of(
        Arguments.of("count-min", cms.toByteArray(), (Function<byte[], Object>) CountMinSketch::fromByteArray),
        Arguments.of("decayed", decayed.toByteArray(), (Function<byte[], Object>) DecayedCounter::fromByteArray),
        Arguments.of("hll", hll.toByteArray(), (Function<byte[], Object>) DistinctCountSketch::fromByteArray),
        Arguments.of("kll", kll.toByteArray(), (Function<byte[], Object>) QuantileSketch::fromByteArray),
        Arguments.of("frequent", frequent.toByteArray(), (Function<byte[], Object>) FrequentItemsSketch::fromByteArray),
        Arguments.of("index", index.toByteArray(), (Function<byte[], Object>) TemplateIndex::fromByteArray));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sketches")
  void everyTruncationFails(String name, byte[] bytes, Function<byte[], Object> read) {
    read.apply(bytes); // the intact bytes are fine
    int step = Math.max(1, bytes.length / 200);
    for (int length = 0; length < bytes.length; length += step) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> read.apply(truncated)).as("%s truncated to %d", name, length)
          .isInstanceOf(SketchFormatException.class);
    }
    assertThatThrownBy(() -> read.apply(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(SketchFormatException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sketches")
  void headerCorruptionFailsWithAClearMessage(String name, byte[] bytes, Function<byte[], Object> read) {
    byte[] magic = bytes.clone();
    magic[0] ^= 1;
    assertThatThrownBy(() -> read.apply(magic)).isInstanceOf(SketchFormatException.class)
        .hasMessageContaining("bad magic");
    byte[] version = bytes.clone();
    version[5] = 99;
    assertThatThrownBy(() -> read.apply(version)).isInstanceOf(SketchFormatException.class)
        .hasMessageContaining("unsupported format version 99");
    byte[] family = bytes.clone();
    family[4] = (byte) (family[4] == 1 ? 2 : 1);
    assertThatThrownBy(() -> read.apply(family)).isInstanceOf(SketchFormatException.class)
        .hasMessageContaining("family id");
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> read.apply(longer)).isInstanceOf(SketchFormatException.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> read.apply(null)).isInstanceOf(SketchFormatException.class);
  }
}
