package dev.distillwatch.detectors.coordination;

/**
 * The link keys seen lately, in fixed memory: for each key, its representative account (the
 * first account seen with it, or later one of a campaign's members), that account's organisation,
 * and a {@link PackedDistinct} count of the accounts that used it. 4-way set-associative, least
 * recently used key of the set replaced; 40 bytes a slot in primitive arrays.
 *
 * <p>Hand-written rather than a Caffeine cache: an entry of the latter costs ~100 bytes of objects,
 * and this table is sized for hundreds of thousands of keys. Striped locks (one per group of
 * sets), each held for a few array reads and writes; no lock is held across other work.
 */
final class KeyTable {
  private static final int WAYS = 4;
  private static final int STRIPES = 256;

  private final int sets;
  private final long[] keys;
  private final long[] reps;
  private final long[] repOrgs;
  private final long[] counts;
  private final long[] stamps;
  private final Object[] locks = new Object[STRIPES];

  /** What one touch saw: the representative account, its organisation and the accounts count. */
  record View(long representative, long representativeOrg, double accounts) {}

  KeyTable(int capacity) {
    int s = Integer.highestOneBit(Math.max(WAYS, capacity) / WAYS);
    this.sets = s;
    int n = s * WAYS;
    this.keys = new long[n];
    this.reps = new long[n];
    this.repOrgs = new long[n];
    this.counts = new long[n];
    this.stamps = new long[n];
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** Slots in all. */
  int capacity() {
    return keys.length;
  }

  /**
   * Records that {@code account} (of organisation {@code org}, 0 for none) used {@code key} at
   * {@code time}; returns the key's view after the update. A new key gets this account as its
   * representative.
   */
  View touch(long key, long account, long org, long time) {
    int set = set(key);
    synchronized (locks[set & (STRIPES - 1)]) {
      int slot = find(set, key);
      if (slot < 0) {
        slot = insert(set, key, account, org, 0L);
      }
      counts[slot] = PackedDistinct.add(counts[slot], mix(account));
      stamps[slot] = time;
      return new View(reps[slot], repOrgs[slot], PackedDistinct.estimate(counts[slot]));
    }
  }

  /** Makes {@code account} the representative of {@code key} if the key is still held. */
  void represent(long key, long account, long org) {
    int set = set(key);
    synchronized (locks[set & (STRIPES - 1)]) {
      int slot = find(set, key);
      if (slot >= 0) {
        reps[slot] = account;
        repOrgs[slot] = org;
      }
    }
  }

  /** Keys held now. */
  int size() {
    int n = 0;
    for (int s = 0; s < sets; s++) {
      synchronized (locks[s & (STRIPES - 1)]) {
        for (int w = 0; w < WAYS; w++) {
          if (keys[s * WAYS + w] != 0) {
            n++;
          }
        }
      }
    }
    return n;
  }

  /**
   * Folds another table's keys into this one: account counts merge register-wise; a key held by
   * both keeps this table's representative, and {@code crossLink} is told of each such key whose
   * two representatives differ.
   */
  void merge(KeyTable other, CrossLink crossLink) {
    for (int i = 0; i < other.keys.length; i++) {
      long key;
      long rep;
      long org;
      long count;
      long stamp;
      synchronized (other.locks[(i / WAYS) & (STRIPES - 1)]) {
        key = other.keys[i];
        rep = other.reps[i];
        org = other.repOrgs[i];
        count = other.counts[i];
        stamp = other.stamps[i];
      }
      if (key == 0) {
        continue;
      }
      int set = set(key);
      long mine;
      double accounts;
      synchronized (locks[set & (STRIPES - 1)]) {
        int slot = find(set, key);
        if (slot < 0) {
          stamps[insert(set, key, rep, org, count)] = stamp;
          continue;
        }
        counts[slot] = PackedDistinct.merge(counts[slot], count);
        stamps[slot] = Math.max(stamps[slot], stamp);
        mine = reps[slot];
        accounts = PackedDistinct.estimate(counts[slot]);
      }
      if (mine != rep) {
        crossLink.link(key, mine, rep, accounts);
      }
    }
  }

  /** Told of a key whose representatives differ between two merged tables. */
  interface CrossLink {
    void link(long key, long representative, long otherRepresentative, double accounts);
  }

  private int set(long key) {
    return (int) (mix(key) & (sets - 1));
  }

  private int find(int set, long key) {
    int base = set * WAYS;
    for (int w = 0; w < WAYS; w++) {
      if (keys[base + w] == key) {
        return base + w;
      }
    }
    return -1;
  }

  /** Puts a key in its set's free or least recently used slot; returns the slot. */
  private int insert(int set, long key, long rep, long org, long count) {
    int slot = victim(set);
    keys[slot] = key;
    reps[slot] = rep;
    repOrgs[slot] = org;
    counts[slot] = count;
    return slot;
  }

  private int victim(int set) {
    int base = set * WAYS;
    int best = base;
    for (int w = 0; w < WAYS; w++) {
      if (keys[base + w] == 0) {
        return base + w;
      }
      if (stamps[base + w] < stamps[best]) {
        best = base + w;
      }
    }
    return best;
  }

  static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }
}
