package dev.distillwatch.sketches.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class BandTableTest {
  /**
   * Random puts and conditional removes against a HashMap, with keys drawn from a small pool so
   * that probe runs collide, wrap around the array and are shifted back by deletions.
   */
  @RepeatedTest(50)
  void behavesAsAMapUnderPutAndRemove(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    int slots = 1 + rnd.nextInt(200);
    int maxEntries = 1 + rnd.nextInt(100);
    int bands = 1 + rnd.nextInt(3);
    BandTable table = new BandTable(bands, maxEntries, slots);
    List<Map<Long, Integer>> references = new ArrayList<>();
    for (int b = 0; b < bands; b++) {
      references.add(new HashMap<>());
    }
    long[] pool = new long[maxEntries * 2];
    for (int i = 0; i < pool.length; i++) {
      // Few distinct high bits: many keys share a home index.
      pool[i] = (long) rnd.nextInt(4) << 62 | rnd.nextLong() >>> 8;
    }
    for (int op = 0; op < 2_000; op++) {
      long key = pool[rnd.nextInt(pool.length)];
      int slot = rnd.nextInt(slots);
      int band = rnd.nextInt(bands);
      Map<Long, Integer> reference = references.get(band);
      if (rnd.nextBoolean() && (reference.size() < maxEntries || reference.containsKey(key))) {
        table.put(band, key, slot);
        reference.put(key, slot);
      } else {
        table.removeIfSlot(band, key, slot);
        reference.remove(key, slot);
      }
      for (int b = 0; b < bands; b++) {
        for (long k : pool) {
          assertThat(table.get(b, k)).isEqualTo(references.get(b).getOrDefault(k, -1));
        }
      }
    }
  }

  @Test
  void slotZeroAndTheLargestSlotRoundTrip() {
    BandTable table = new BandTable(2, 4, 10_000);
    table.put(1, -1L, 9_999);
    table.put(1, 0L, 0);
    assertThat(table.get(1, -1L)).isEqualTo(9_999);
    assertThat(table.get(1, 0L)).isEqualTo(0);
    table.removeIfSlot(1, 0L, 1); // another slot: kept
    assertThat(table.get(1, 0L)).isEqualTo(0);
    table.removeIfSlot(1, 0L, 0);
    assertThat(table.get(1, 0L)).isEqualTo(-1);
    assertThat(table.get(0, -1L)).isEqualTo(-1); // another band
  }
}
