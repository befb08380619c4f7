package dev.distillwatch.sketches.index;

/**
 * The LSH bands' maps from band key to cluster slot, all packed into a single {@code long[]}, one
 * segment per band: each entry holds the key's high bits and the slot + 1 in its low {@code
 * slotBits} bits (0 marks an empty entry), open addressing with linear probing (wrapping within
 * the band's segment) and backward-shift deletion. A look-up is one random memory access where a
 * fastutil {@code Long2IntOpenHashMap} costs two (its keys and values are separate arrays), and
 * one array for all bands spares each look-up the loads of its own table object; look-ups are
 * what {@link TemplateIndex#assign} time is made of. Hand-written because neither fastutil nor
 * hash4j has a long-to-int map in one array.
 *
 * <p>Keys are compared on their high {@code 64 - slotBits} bits only (at least 37): two band keys
 * that agree there are one key here. That can only add a candidate, which the index then verifies
 * against the cluster's signature, at a rate of about entries / 2^37 per look-up. Fixed size:
 * sized at construction for {@code maxEntries} per band at load ≤ 0.75, never rehashed. Not
 * thread-safe.
 */
final class BandTable {
  private final long[] entries;
  private final int bits; // log2 of a band's segment size
  private final int mask;
  private final int shift;
  private final long slotMask;
  private final long tagMask;

  /**
   * @param bands number of bands (segments)
   * @param maxEntries most live keys per band at any time
   * @param slots number of cluster slots (slot values are in {@code [0, slots)})
   * @throws IllegalArgumentException if the segments do not fit one array
   */
  BandTable(int bands, int maxEntries, int slots) {
    int size = Integer.highestOneBit(Math.max(2, (int) Math.min(1 << 30, maxEntries * 4L / 3 + 1)) * 2 - 1);
    if ((long) bands * size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(bands + " bands of " + size + " entries do not fit one array");
    }
    this.entries = new long[bands * size];
    this.bits = Integer.numberOfTrailingZeros(size);
    this.mask = size - 1;
    this.shift = 64 - bits;
    int slotBits = 32 - Integer.numberOfLeadingZeros(slots); // slot + 1 ≤ slots fits
    this.slotMask = (1L << slotBits) - 1;
    this.tagMask = ~slotMask;
  }

  /** The slot {@code key} maps to in {@code band}, or -1. */
  int get(int band, long key) {
    return get(band, key, home(band, key));
  }

  /**
   * The entry at {@code key}'s home index in {@code band}: a load without a branch, so that a
   * caller can issue the home loads of all bands back to back and resolve them with {@link
   * #get(int, long, long)} afterwards (a branch on a loaded entry is unpredictable, and a
   * mispredicted one discards the loads issued after it, so look-ups that branch as they go miss
   * the cache one after another).
   */
  long home(int band, long key) {
    return entries[band << bits | index(key)];
  }

  /** As {@link #get(int, long)}, given the entry {@link #home(int, long)} returned for {@code key}. */
  int get(int band, long key, long home) {
    long tag = key & tagMask;
    long e = home;
    if (e == 0) {
      return -1;
    }
    if ((e & tagMask) == tag) {
      return (int) (e & slotMask) - 1;
    }
    int base = band << bits;
    int i = (index(key) + 1) & mask;
    while ((e = entries[base | i]) != 0) {
      if ((e & tagMask) == tag) {
        return (int) (e & slotMask) - 1;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Maps {@code key} to {@code slot} in {@code band}, replacing any previous slot. */
  void put(int band, long key, int slot) {
    long tag = key & tagMask;
    long entry = tag | (slot + 1L);
    int base = band << bits;
    int i = index(key);
    long e;
    while ((e = entries[base | i]) != 0) {
      if ((e & tagMask) == tag) {
        break;
      }
      i = (i + 1) & mask;
    }
    entries[base | i] = entry;
  }

  /** Removes {@code key} from {@code band} if it maps to {@code slot}. */
  void removeIfSlot(int band, long key, int slot) {
    long tag = key & tagMask;
    int base = band << bits;
    int i = index(key);
    long e;
    while ((e = entries[base | i]) != 0) {
      if ((e & tagMask) == tag) {
        if ((int) (e & slotMask) - 1 == slot) {
          delete(base, i);
        }
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Backward-shift deletion within a band's segment: moves later entries of the run into the hole. */
  private void delete(int base, int hole) {
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      long e = entries[base | i];
      if (e == 0) {
        entries[base | hole] = 0;
        return;
      }
      int home = index(e);
      // e may move into the hole if its home is not cyclically in (hole, i]
      if (((i - home) & mask) >= ((i - hole) & mask)) {
        entries[base | hole] = e;
        hole = i;
      }
    }
  }

  /** The home index of a key or entry within its band: its top bits (the tag, so entries know their home). */
  private int index(long keyOrEntry) {
    return (int) (keyOrEntry >>> shift);
  }
}
