package dev.distillwatch.sketches.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
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
    BandTable table = new BandTable(maxEntries, slots);
    Map<Long, Integer> reference = new HashMap<>();
    long[] pool = new long[maxEntries * 2];
    for (int i = 0; i < pool.length; i++) {
      // Few distinct high bits: many keys share a home index.
      pool[i] = (long) rnd.nextInt(4) << 62 | rnd.nextLong() >>> 8;
    }
    for (int op = 0; op < 2_000; op++) {
      long key = pool[rnd.nextInt(pool.length)];
      int slot = rnd.nextInt(slots);
      if (rnd.nextBoolean() && (reference.size() < maxEntries || reference.containsKey(key))) {
        table.put(key, slot);
        reference.put(key, slot);
      } else {
        table.removeIfSlot(key, slot);
        reference.remove(key, slot);
      }
      for (long k : pool) {
        assertThat(table.get(k)).isEqualTo(reference.getOrDefault(k, -1));
      }
    }
  }

  @Test
  void slotZeroAndTheLargestSlotRoundTrip() {
    BandTable table = new BandTable(4, 10_000);
    table.put(-1L, 9_999);
    table.put(0L, 0);
    assertThat(table.get(-1L)).isEqualTo(9_999);
    assertThat(table.get(0L)).isEqualTo(0);
    table.removeIfSlot(0L, 1); // another slot: kept
    assertThat(table.get(0L)).isEqualTo(0);
    table.removeIfSlot(0L, 0);
    assertThat(table.get(0L)).isEqualTo(-1);
  }
}
