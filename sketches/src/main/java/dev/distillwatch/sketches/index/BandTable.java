package dev.distillwatch.sketches.index;

/**
 * One LSH band's map from band key to cluster slot, packed into a single {@code long[]}: each
 * entry holds the key's high bits and the slot + 1 in its low {@code slotBits} bits (0 marks an
 * empty entry), open addressing with linear probing and backward-shift deletion. A look-up is
 * one random memory access where a fastutil {@code Long2IntOpenHashMap} costs two (its keys and
 * values are separate arrays); look-ups are what {@link TemplateIndex#assign} time is made of.
 * Hand-written because neither fastutil nor hash4j has a long-to-int map in one array.
 *
 * <p>Keys are compared on their high {@code 64 - slotBits} bits only (at least 37): two band keys
 * that agree there are one key here. That can only add a candidate, which the index then verifies
 * against the cluster's signature, at a rate of about entries / 2^37 per look-up. Fixed size:
 * sized at construction for {@code maxEntries} at load ≤ 0.75, never rehashed. Not thread-safe.
 */
final class BandTable {
  private final long[] entries;
  private final int mask;
  private final int shift;
  private final int slotBits;
  private final long slotMask;
  private final long tagMask;

  /**
   * @param maxEntries most live keys at any time
   * @param slots number of cluster slots (slot values are in {@code [0, slots)})
   */
  BandTable(int maxEntries, int slots) {
    int size = Integer.highestOneBit(Math.max(2, (int) Math.min(1 << 30, maxEntries * 4L / 3 + 1)) * 2 - 1);
    this.entries = new long[size];
    this.mask = size - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(size);
    this.slotBits = 32 - Integer.numberOfLeadingZeros(slots); // slot + 1 ≤ slots fits
    this.slotMask = (1L << slotBits) - 1;
    this.tagMask = ~slotMask;
  }

  /** The slot {@code key} maps to, or -1. */
  int get(long key) {
    return get(key, home(key));
  }

  /**
   * The entry at {@code key}'s home index: a load without a branch, so that a caller can issue
   * the home loads of many tables back to back and resolve them with {@link #get(long, long)}
   * afterwards (a branch on a loaded entry is unpredictable, and a mispredicted one discards the
   * loads issued after it, so look-ups that branch as they go miss the cache one after another).
   */
  long home(long key) {
    return entries[index(key)];
  }

  /** As {@link #get(long)}, given the entry {@link #home(long)} returned for {@code key}. */
  int get(long key, long home) {
    long tag = key & tagMask;
    int i = index(key);
    long e = home;
    if (e == 0) {
      return -1;
    }
    if ((e & tagMask) == tag) {
      return (int) (e & slotMask) - 1;
    }
    i = (i + 1) & mask;
    while ((e = entries[i]) != 0) {
      if ((e & tagMask) == tag) {
        return (int) (e & slotMask) - 1;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Maps {@code key} to {@code slot}, replacing any previous slot. */
  void put(long key, int slot) {
    long tag = key & tagMask;
    long entry = tag | (slot + 1L);
    int i = index(key);
    long e;
    while ((e = entries[i]) != 0) {
      if ((e & tagMask) == tag) {
        break;
      }
      i = (i + 1) & mask;
    }
    entries[i] = entry;
  }

  /** Removes {@code key} if it maps to {@code slot}. */
  void removeIfSlot(long key, int slot) {
    long tag = key & tagMask;
    int i = index(key);
    long e;
    while ((e = entries[i]) != 0) {
      if ((e & tagMask) == tag) {
        if ((int) (e & slotMask) - 1 == slot) {
          delete(i);
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Backward-shift deletion: moves later entries of the probe run into the hole. */
  private void delete(int hole) {
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      long e = entries[i];
      if (e == 0) {
        entries[hole] = 0;
        return;
      }
      int home = index(e);
      // e may move into the hole if its home is not cyclically in (hole, i]
      if (((i - home) & mask) >= ((i - hole) & mask)) {
        entries[hole] = e;
        hole = i;
      }
    }
  }

  /** The home index of a key or entry: its top bits (the tag, so entries know their home). */
  private int index(long keyOrEntry) {
    return (int) (keyOrEntry >>> shift);
  }
}
