package dev.distillwatch.detectors.coordination;

/**
 * The link keys seen lately, in fixed memory: for each key, its representative account (the
 * first account seen with it, or later one of a campaign's members), that account's organisation,
 * and a {@link PackedDistinct} count of the accounts that used it. 4-way set-associative, least
 * recently used key of the set replaced; 40 bytes a slot in one {@code long[]}, a set's four keys
 * side by side and then each slot's fields together, so that a touch reads two or three adjacent
 * cache lines rather than one line in each of five arrays (the table is far larger than the caches,
 * and a request touches a dozen keys).
 *
 * <p>Hand-written rather than a Caffeine cache: an entry of the latter costs ~100 bytes of objects,
 * and this table is sized for hundreds of thousands of keys. Striped locks (one per group of
 * sets), each held for a few array reads and writes; no lock is held across other work.
 */
final class KeyTable {
  private static final int WAYS = 4;
  private static final int STRIPES = 256;
  /** Longs per slot after the set's keys: stamp, account count, representative, its org. */
  private static final int FIELDS = 4;
  private static final int STAMP = 0;
  private static final int COUNT = 1;
  private static final int REP = 2;
  private static final int ORG = 3;
  /** Longs per set: its keys, then its slots' fields. */
  private static final int SET = WAYS + WAYS * FIELDS;

  private final int sets;
  private final long[] table;
  private final Object[] locks = new Object[STRIPES];

  /**
   * What one touch saw: the representative account, its organisation and the registers of the
   * accounts count (estimated only when asked: most views are dismissed before).
   */
  record View(long representative, long representativeOrg, long registers) {
    /** The estimated number of accounts that used the key. */
    double accounts() {
      return PackedDistinct.estimate(registers);
    }
  }

  KeyTable(int capacity) {
    int s = Integer.highestOneBit(Math.max(WAYS, capacity) / WAYS);
    this.sets = s;
    this.table = new long[s * SET];
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** Slots in all. */
  int capacity() {
    return sets * WAYS;
  }

  /**
   * Records that {@code account} (of organisation {@code org}, 0 for none) used {@code key} at
   * {@code time}; returns the key's view after the update. A new key gets this account as its
   * representative.
   */
  View touch(long key, long account, long org, long time) {
    int set = set(key);
    synchronized (locks[set & (STRIPES - 1)]) {
      int way = find(set, key);
      if (way < 0) {
        way = insert(set, key, account, org, 0L);
      }
      int f = fields(set, way);
      long count = PackedDistinct.add(table[f + COUNT], mix(account));
      table[f + COUNT] = count;
      table[f + STAMP] = time;
      return new View(table[f + REP], table[f + ORG], count);
    }
  }

  /** Makes {@code account} the representative of {@code key} if the key is still held. */
  void represent(long key, long account, long org) {
    int set = set(key);
    synchronized (locks[set & (STRIPES - 1)]) {
      int way = find(set, key);
      if (way >= 0) {
        int f = fields(set, way);
        table[f + REP] = account;
        table[f + ORG] = org;
      }
    }
  }

  /** Keys held now. */
  int size() {
    int n = 0;
    for (int s = 0; s < sets; s++) {
      synchronized (locks[s & (STRIPES - 1)]) {
        for (int w = 0; w < WAYS; w++) {
          if (table[s * SET + w] != 0) {
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
    for (int s = 0; s < other.sets; s++) {
      for (int w = 0; w < WAYS; w++) {
        long key;
        long rep;
        long org;
        long count;
        long stamp;
        synchronized (other.locks[s & (STRIPES - 1)]) {
          key = other.table[s * SET + w];
          int f = fields(s, w);
          rep = other.table[f + REP];
          org = other.table[f + ORG];
          count = other.table[f + COUNT];
          stamp = other.table[f + STAMP];
        }
        if (key != 0) {
          mergeKey(key, rep, org, count, stamp, crossLink);
        }
      }
    }
  }

  private void mergeKey(long key, long rep, long org, long count, long stamp, CrossLink crossLink) {
    int set = set(key);
    long mine;
    double accounts;
    synchronized (locks[set & (STRIPES - 1)]) {
      int way = find(set, key);
      if (way < 0) {
        table[fields(set, insert(set, key, rep, org, count)) + STAMP] = stamp;
        return;
      }
      int f = fields(set, way);
      table[f + COUNT] = PackedDistinct.merge(table[f + COUNT], count);
      table[f + STAMP] = Math.max(table[f + STAMP], stamp);
      mine = table[f + REP];
      accounts = PackedDistinct.estimate(table[f + COUNT]);
    }
    if (mine != rep) {
      crossLink.link(key, mine, rep, accounts);
    }
  }

  /** Told of a key whose representatives differ between two merged tables. */
  interface CrossLink {
    void link(long key, long representative, long otherRepresentative, double accounts);
  }

  private int set(long key) {
    return (int) (mix(key) & (sets - 1));
  }

  /** Where the fields of {@code way} in {@code set} start. */
  private static int fields(int set, int way) {
    return set * SET + WAYS + way * FIELDS;
  }

  /** The way of {@code set} holding {@code key}, or -1. */
  private int find(int set, long key) {
    int base = set * SET;
    for (int w = 0; w < WAYS; w++) {
      if (table[base + w] == key) {
        return w;
      }
    }
    return -1;
  }

  /** Puts a key in its set's free or least recently used way; returns the way. */
  private int insert(int set, long key, long rep, long org, long count) {
    int way = victim(set);
    table[set * SET + way] = key;
    int f = fields(set, way);
    table[f + REP] = rep;
    table[f + ORG] = org;
    table[f + COUNT] = count;
    return way;
  }

  private int victim(int set) {
    int base = set * SET;
    int best = 0;
    for (int w = 0; w < WAYS; w++) {
      if (table[base + w] == 0) {
        return w;
      }
      if (table[fields(set, w) + STAMP] < table[fields(set, best) + STAMP]) {
        best = w;
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
