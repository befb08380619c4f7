package dev.distillwatch.sketches.index;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import dev.distillwatch.sketches.SketchFamily;
import dev.distillwatch.sketches.SketchFormatException;
import dev.distillwatch.sketches.SketchHeader;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Assigns MinHash signatures (of prompt skeletons) to template clusters in one call: the most
 * similar existing cluster above a Jaccard threshold, else a new cluster.
 *
 * <p>Candidates come from LSH banding (Indyk and Motwani 1998; Leskovec, Rajaraman, Ullman,
 * "Mining of Massive Datasets", ch. 3): the k components are cut into b = k / r bands of r rows,
 * each band hashed into a map from band key to cluster slot (a {@link BandTable}: one array for all
 * bands, one memory access per look-up). A cluster with Jaccard J to
 * the query is a candidate with probability {@code 1 - (1 - J^r)^b} (defaults r = 1, b = 32:
 * 0.995 at J = 0.15, 0.9992 at J = 0.2; each band costs one random memory access, which is what
 * assignment time is made of). Candidates are verified against the cluster's representative (its first
 * signature) by counting equal components.
 *
 * <p>Drain-like support-adaptive threshold: a cluster that has absorbed at least {@link
 * Builder#supportCount} prompts accepts at {@link Builder#supportedThreshold}, a younger one only
 * at {@link Builder#newClusterThreshold}. A template that recurs earns a wider catchment; a
 * one-off prompt does not pull in look-alikes.
 *
 * <p>Memory is fixed by the capacity: {@code capacity × (8k + 32 + 2^p)} bytes plus the band
 * tables, {@code b} segments of {@code 8 × nextPowerOfTwo(4/3 × capacity × m)} bytes ({@code m}
 * members per cluster; 4 MB for the default 10,000 clusters). When full, the least recently seen of 8 pseudo-randomly
 * sampled clusters is evicted (sampled LRU, as in Redis), so eviction is O(1). Cluster ids are a
 * monotonically increasing long, never reused. Per cluster: count, distinct accounts (hash4j
 * UltraLogLog), first and last seen (timestamps passed in, so log replay is deterministic).
 *
 * <p>Not mergeable: cluster ids are local to the index, and two indexes may split the same
 * template differently, so there is no merge with the algebra the other sketches have; gateway
 * nodes should share one index or replay signatures. Not thread-safe.
 */
public final class TemplateIndex {
  /** Persisted format version. */
  public static final int FORMAT_VERSION = 1;

  private static final int EVICTION_SAMPLES = 8;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final int capacity;
  private final int k;
  private final int rows;
  private final int bands;
  private final double newThreshold;
  private final double supportedThreshold;
  private final int newEqual;
  private final int supportedEqual;
  private final int supportCount;
  private final int accountPrecision;
  private final int members;

  private final long[] representatives; // capacity × members × k
  private final int[] memberCounts;
  private final long[] ids;
  private final long[] counts;
  private final long[] firstSeen;
  private final long[] lastSeen;
  private final UltraLogLog[] accounts;
  private final Long2IntOpenHashMap idToSlot;
  private final BandTable bandMaps;
  private final int[] candidates;
  private final long[] keys;
  private final long[] homes; // per band: the entry at its key's home index
  private final int[] found; // per band: the slot its key maps to, or -1

  private int size;
  private long nextId;
  private long rngState;

  private TemplateIndex(Builder b) {
    this.capacity = b.capacity;
    this.k = b.components;
    this.rows = b.rowsPerBand;
    this.bands = b.bands;
    this.newThreshold = b.newClusterThreshold;
    this.supportedThreshold = b.supportedThreshold;
    this.newEqual = (int) Math.ceil(newThreshold * k - 1e-9);
    this.supportedEqual = (int) Math.ceil(supportedThreshold * k - 1e-9);
    this.supportCount = b.supportCount;
    this.accountPrecision = b.accountPrecision;
    this.members = b.members;
    this.representatives = new long[capacity * members * k];
    this.memberCounts = new int[capacity];
    this.ids = new long[capacity];
    this.counts = new long[capacity];
    this.firstSeen = new long[capacity];
    this.lastSeen = new long[capacity];
    this.accounts = new UltraLogLog[capacity];
    this.idToSlot = new Long2IntOpenHashMap(capacity);
    idToSlot.defaultReturnValue(-1);
    this.bandMaps = new BandTable(bands, (int) Math.min(1 << 29, (long) capacity * members), capacity);
    this.candidates = new int[bands];
    this.keys = new long[bands];
    this.homes = new long[bands];
    this.found = new int[bands];
    this.nextId = 1;
    this.rngState = b.seed;
  }

  /** A builder with the defaults documented on each setter. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Assigns a signature to its cluster and updates the cluster's statistics.
   *
   * @param signature k MinHash components ({@link OnePermutationMinHash}); copied if it founds a
   *     new cluster
   * @param accountHash a 64-bit hash of the account (counted in the distinct-accounts sketch)
   * @param timestampMillis event time, e.g. epoch millis from the gateway log
   * @return the stable id of the cluster
   */
  public long assign(long[] signature, long accountHash, long timestampMillis) {
    if (signature.length != k) {
      throw new IllegalArgumentException("signature has " + signature.length + " components, index expects " + k);
    }
    int candidateCount = 0;
    int best = -1;
    int bestEqual = -1;
    // All band look-ups first, then the verification: the look-ups are independent random memory
    // accesses, and with nothing between them the CPU keeps several cache misses in flight.
    // Two passes: the home entries first, with no branch between the loads, then their resolution.
    long[] homes = this.homes;
    for (int band = 0; band < bands; band++) {
      long key = bandKey(signature, band);
      keys[band] = key;
      homes[band] = bandMaps.home(band, key);
    }
    for (int band = 0; band < bands; band++) {
      found[band] = bandMaps.get(band, keys[band], homes[band]);
    }
    for (int band = 0; band < bands; band++) {
      int slot = found[band];
      if (slot < 0 || contains(candidates, candidateCount, slot)) {
        continue;
      }
      candidates[candidateCount++] = slot;
      int equal = 0;
      for (int m = 0; m < memberCounts[slot]; m++) {
        equal = Math.max(equal, OnePermutationMinHash.equalComponents(
            signature, 0, representatives, (slot * members + m) * k, k));
      }
      int needed = counts[slot] >= supportCount ? supportedEqual : newEqual;
      if (equal >= needed && (equal > bestEqual || (equal == bestEqual && ids[slot] < ids[best]))) {
        best = slot;
        bestEqual = equal;
      }
    }
    if (best < 0) {
      best = newCluster(signature, timestampMillis);
    } else if (memberCounts[best] < members) {
      addMember(best, signature);
    }
    counts[best]++;
    if (timestampMillis < firstSeen[best]) {
      firstSeen[best] = timestampMillis;
    }
    if (timestampMillis > lastSeen[best]) {
      lastSeen[best] = timestampMillis;
    }
    accounts[best].add(mix(accountHash));
    return ids[best];
  }

  private int newCluster(long[] signature, long timestampMillis) {
    int slot;
    if (size < capacity) {
      slot = size++;
      accounts[slot] = UltraLogLog.create(accountPrecision);
    } else {
      slot = evictionVictim();
      evict(slot);
      accounts[slot].reset();
    }
    memberCounts[slot] = 0;
    addMember(slot, signature);
    ids[slot] = nextId++;
    counts[slot] = 0;
    firstSeen[slot] = timestampMillis;
    lastSeen[slot] = timestampMillis;
    idToSlot.put(ids[slot], slot);
    return slot;
  }

  /** Stores a member signature (keys[] holds its band keys) and indexes its bands. */
  private void addMember(int slot, long[] signature) {
    int m = memberCounts[slot]++;
    System.arraycopy(signature, 0, representatives, (slot * members + m) * k, k);
    for (int band = 0; band < bands; band++) {
      bandMaps.put(band, keys[band], slot);
    }
  }

  private int evictionVictim() {
    int victim = -1;
    for (int i = 0; i < EVICTION_SAMPLES; i++) {
      rngState += GOLDEN;
      int slot = (int) (((mix(rngState) >>> 32) * capacity) >>> 32);
      if (victim < 0
          || lastSeen[slot] < lastSeen[victim]
          || (lastSeen[slot] == lastSeen[victim] && counts[slot] < counts[victim])) {
        victim = slot;
      }
    }
    return victim;
  }

  private void evict(int slot) {
    idToSlot.remove(ids[slot]);
    for (int m = 0; m < memberCounts[slot]; m++) {
      for (int band = 0; band < bands; band++) {
        long key = bandKey(representatives, (slot * members + m) * k, band);
        bandMaps.removeIfSlot(band, key, slot);
      }
    }
  }

  private long bandKey(long[] signature, int band) {
    return bandKey(signature, 0, band);
  }

  /**
   * The key of a band: a polynomial over its rows (MinHash components, already uniform), mixed
   * once. Equal rows give equal keys; unequal rows collide only as a random 64-bit value would,
   * and a collision only adds a candidate that {@link #assign} then verifies. Not persisted (the
   * band maps are rebuilt from the members by {@link #fromByteArray}).
   */
  private long bandKey(long[] signature, int offset, int band) {
    long h = band * GOLDEN;
    int from = offset + band * rows;
    for (int r = 0; r < rows; r++) {
      h = (h + signature[from + r]) * GOLDEN;
    }
    return mix(h);
  }

  private static boolean contains(int[] values, int n, int value) {
    for (int i = 0; i < n; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  /** Statistics of a live cluster, or {@code null} if the id is unknown or was evicted. */
  public ClusterStats stats(long clusterId) {
    int slot = idToSlot.get(clusterId);
    return slot < 0 ? null : statsOf(slot);
  }

  private ClusterStats statsOf(int slot) {
    return new ClusterStats(ids[slot], counts[slot], accounts[slot].getDistinctCountEstimate(),
        firstSeen[slot], lastSeen[slot]);
  }

  /** Snapshot of all live clusters, in slot order (allocates). */
  public List<ClusterStats> clusters() {
    List<ClusterStats> out = new ArrayList<>(size);
    for (int slot = 0; slot < size; slot++) {
      out.add(statsOf(slot));
    }
    return out;
  }

  /** Number of live clusters. */
  public int size() {
    return size;
  }

  /** Maximum number of live clusters. */
  public int capacity() {
    return capacity;
  }

  /** Number of signature components the index expects. */
  public int components() {
    return k;
  }

  /**
   * Serialises the index. Layout (little-endian, after the 8-byte {@link SketchHeader}, family
   * {@link SketchFamily#TEMPLATE_INDEX}, version {@value #FORMAT_VERSION}):
   *
   * <pre>
   * int capacity, int k, int rowsPerBand, int bands, int supportCount, int accountPrecision p,
   * int membersPerCluster m, int signatureVersion ({@link OnePermutationMinHash#VERSION}),
   * double newClusterThreshold, double supportedThreshold,
   * long nextId, long rngState, int size,
   * size × { long id, long count, long firstSeen, long lastSeen, int memberCount (1..m),
   *          memberCount × k × long member signature, 2^p bytes UltraLogLog state }
   * </pre>
   *
   * Band maps are rebuilt on load.
   */
  public byte[] toByteArray() {
    int payload = 32 + 16 + 16 + 4;
    for (int slot = 0; slot < size; slot++) {
      payload += 36 + 8 * k * memberCounts[slot] + (1 << accountPrecision);
    }
    ByteBuffer buffer = SketchHeader.allocate(SketchFamily.TEMPLATE_INDEX, FORMAT_VERSION, payload);
    buffer.putInt(capacity).putInt(k).putInt(rows).putInt(bands).putInt(supportCount).putInt(accountPrecision)
        .putInt(members).putInt(OnePermutationMinHash.VERSION);
    buffer.putDouble(newThreshold).putDouble(supportedThreshold);
    buffer.putLong(nextId).putLong(rngState).putInt(size);
    for (int slot = 0; slot < size; slot++) {
      buffer.putLong(ids[slot]).putLong(counts[slot]).putLong(firstSeen[slot]).putLong(lastSeen[slot]);
      buffer.putInt(memberCounts[slot]);
      int from = slot * members * k;
      for (int i = 0; i < memberCounts[slot] * k; i++) {
        buffer.putLong(representatives[from + i]);
      }
      buffer.put(accounts[slot].getState());
    }
    return buffer.array();
  }

  /**
   * Restores an index written by {@link #toByteArray()}.
   *
   * @throws SketchFormatException if the bytes are truncated, corrupt or of another version
   */
  public static TemplateIndex fromByteArray(byte[] bytes) {
    SketchHeader.Reader in = SketchHeader.read(bytes, SketchFamily.TEMPLATE_INDEX, FORMAT_VERSION);
    Builder b = new Builder();
    b.capacity = in.getInt("capacity", 1, 1 << 26);
    b.components = in.getInt("k", 2, 1 << 16);
    b.rowsPerBand = in.getInt("rowsPerBand", 1, b.components);
    b.bands = in.getInt("bands", 1, b.components / b.rowsPerBand);
    b.supportCount = in.getInt("supportCount", 1, Integer.MAX_VALUE);
    b.accountPrecision = in.getInt("accountPrecision", 3, 26);
    b.members = in.getInt("membersPerCluster", 1, 64);
    int signatureVersion = in.getInt("signatureVersion");
    if (signatureVersion != OnePermutationMinHash.VERSION) {
      throw in.fail("signatures of version " + signatureVersion + ", this build computes version "
          + OnePermutationMinHash.VERSION);
    }
    b.newClusterThreshold = in.getDouble("newClusterThreshold");
    b.supportedThreshold = in.getDouble("supportedThreshold");
    if (!(b.newClusterThreshold > 0 && b.newClusterThreshold <= 1
        && b.supportedThreshold > 0 && b.supportedThreshold <= b.newClusterThreshold)) {
      throw in.fail("thresholds " + b.newClusterThreshold + " / " + b.supportedThreshold
          + " are not 0 < supported ≤ new ≤ 1");
    }
    long nextId = in.getLong("nextId");
    long rngState = in.getLong("rngState");
    TemplateIndex index = new TemplateIndex(b);
    index.nextId = nextId;
    index.rngState = rngState;
    int size = in.getInt("size", 0, b.capacity);
    int k = b.components;
    for (int slot = 0; slot < size; slot++) {
      long id = in.getLong("id of cluster " + slot);
      if (id <= 0 || id >= nextId || index.idToSlot.containsKey(id)) {
        throw in.fail("cluster id " + id + " at slot " + slot + " is not unique in [1, nextId)");
      }
      index.ids[slot] = id;
      index.counts[slot] = in.getLong("count of cluster " + id);
      index.firstSeen[slot] = in.getLong("firstSeen of cluster " + id);
      index.lastSeen[slot] = in.getLong("lastSeen of cluster " + id);
      if (index.counts[slot] < 1 || index.firstSeen[slot] > index.lastSeen[slot]) {
        throw in.fail("cluster " + id + " has count " + index.counts[slot]
            + " or firstSeen > lastSeen");
      }
      int memberCount = in.getInt("memberCount of cluster " + id, 1, b.members);
      index.memberCounts[slot] = memberCount;
      for (int m = 0; m < memberCount; m++) {
        int from = (slot * b.members + m) * k;
        for (int i = 0; i < k; i++) {
          index.representatives[from + i] = in.getLong("member signature of cluster " + id);
        }
        for (int band = 0; band < index.bands; band++) {
          index.bandMaps.put(band, index.bandKey(index.representatives, from, band), slot);
        }
      }
      byte[] state = in.getBytes("account sketch of cluster " + id, 1 << b.accountPrecision);
      index.accounts[slot] = UltraLogLog.wrap(state);
      index.idToSlot.put(id, slot);
      index.size++;
    }
    in.expectEnd();
    return index;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TemplateIndex)) {
      return false;
    }
    return Arrays.equals(toByteArray(), ((TemplateIndex) o).toByteArray());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toByteArray());
  }

  private static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }

  /** Immutable-once-built configuration of a {@link TemplateIndex}. */
  public static final class Builder {
    private int capacity = 10_000;
    private int components = 128;
    private int rowsPerBand = 1;
    private int bands = 32;
    private double newClusterThreshold = 0.26;
    private double supportedThreshold = 0.20;
    private int supportCount = 2;
    private int accountPrecision = 8;
    private int members = 1;
    private long seed = 0x5EED;

    private Builder() {}

    /** Maximum live clusters (default 10,000). */
    public Builder capacity(int clusters) {
      if (clusters < 1) {
        throw new IllegalArgumentException("capacity must be positive: " + clusters);
      }
      this.capacity = clusters;
      return this;
    }

    /**
     * Signature components k (default 128), rows per LSH band r (default 1) and number of bands b
     * (default 32), b·r ≤ k. More bands raise recall at low similarity and cost one hash-map
     * lookup each per assignment.
     */
    public Builder signature(int components, int rowsPerBand, int bands) {
      if (components < 2 || rowsPerBand < 1 || bands < 1 || (long) rowsPerBand * bands > components) {
        throw new IllegalArgumentException("need k ≥ 2 and bands·rows ≤ k: k=" + components
            + ", rows=" + rowsPerBand + ", bands=" + bands);
      }
      this.components = components;
      this.rowsPerBand = rowsPerBand;
      this.bands = bands;
      return this;
    }

    /** Jaccard needed to join a cluster with fewer than supportCount prompts (default 0.26). */
    public Builder newClusterThreshold(double jaccard) {
      this.newClusterThreshold = checkJaccard(jaccard);
      return this;
    }

    /** Jaccard needed to join a cluster with at least supportCount prompts (default 0.20). */
    public Builder supportedThreshold(double jaccard) {
      this.supportedThreshold = checkJaccard(jaccard);
      return this;
    }

    /** Prompts after which a cluster accepts at the supported threshold (default 2). */
    public Builder supportCount(int prompts) {
      if (prompts < 1) {
        throw new IllegalArgumentException("supportCount must be positive: " + prompts);
      }
      this.supportCount = prompts;
      return this;
    }

    /** UltraLogLog precision p for distinct accounts, 2^p bytes per cluster (default 8). */
    public Builder accountPrecision(int p) {
      if (p < 3 || p > 26) {
        throw new IllegalArgumentException("precision must be in [3, 26]: " + p);
      }
      this.accountPrecision = p;
      return this;
    }

    /**
     * Member signatures kept per cluster (default 1): the first members, a query matches the
     * cluster if it is similar enough to any of them (limited single linkage).
     */
    public Builder membersPerCluster(int signatures) {
      if (signatures < 1 || signatures > 64) {
        throw new IllegalArgumentException("membersPerCluster must be in [1, 64]: " + signatures);
      }
      this.members = signatures;
      return this;
    }

    /** Seed of the eviction sampler (default fixed, for deterministic replay). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    private static double checkJaccard(double j) {
      if (!(j > 0 && j <= 1)) {
        throw new IllegalArgumentException("Jaccard threshold must be in (0, 1]: " + j);
      }
      return j;
    }

    /** Builds an empty index; all memory is allocated here. */
    public TemplateIndex build() {
      if (supportedThreshold > newClusterThreshold) {
        throw new IllegalArgumentException("supportedThreshold must not exceed newClusterThreshold");
      }
      return new TemplateIndex(this);
    }
  }
}
