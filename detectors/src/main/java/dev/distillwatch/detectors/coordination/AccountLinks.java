package dev.distillwatch.detectors.coordination;

/**
 * One account's coordination state, a few hundred bytes whatever its traffic: its campaign (0
 * for none), its request counters, the template keys it uses most (space-saving, each with a
 * {@link PackedDistinct} count of the distinct tasks it pushed through them), a ring of the link
 * keys it saw lately (so a key counts towards a link once), and the evidence linking it to a few
 * candidate campaigns, per {@link LinkFamily}. Mutated only under its own monitor.
 */
final class AccountLinks {
  final long id;
  final long org;
  final long firstSeen;
  volatile long campaign;
  long requests;
  long templated;
  long reasoning;
  /** Distinct-task requests asking for reasoning written out (step-by-step alone is not counted). */
  volatile long elicited;
  /** Requests sent with a rare request shape that a member of this account's campaign represents. */
  long campaignShaped;
  /** Requests through templates or eliciting reasoning, for sampling the campaign's focus. */
  long harvested;
  /** The tagged request-shape key of this account's latest templated request (0: none). */
  volatile long templatedShape;

  /** Requests per 4-hour bin of the UTC day, halved together when one would overflow. */
  private final short[] hours = new short[HOUR_BINS];
  private final long[] templateKeys;
  private final long[] templateCounts;
  private final long[] templateTasks;
  /** Per template slot: the tick its edge was last counted in {@link TemplateBursts}, + 1 (0: never). */
  private final long[] templateTicks;
  /** Per template slot: the burst score that edge got. */
  private final float[] templateBursts;
  private final long[] seen;
  private int seenCursor;
  private final long[] candidates;
  private final float[] evidence;
  private final byte[] kinds;

  /** The bits of {@link #addEvidence}'s mask that are families. */
  static final int FAMILIES = LinkFamily.MASK;
  /** The bit of {@link #addEvidence}'s mask set when a direct key contributed. */
  static final int DIRECT = 1 << LinkFamily.ALL.length;
  /**
   * The bit of {@link #addEvidence}'s mask set when client evidence came from a pair: a template
   * representative that sends the same rare request shape.
   */
  static final int PAIRED = DIRECT << 1;


  AccountLinks(long id, long org, long firstSeen, int templates, int seenKeys, int candidates) {
    this.id = id;
    this.org = org;
    this.firstSeen = firstSeen;
    this.templateKeys = new long[templates];
    this.templateCounts = new long[templates];
    this.templateTasks = new long[templates];
    this.templateTicks = new long[templates];
    this.templateBursts = new float[templates];
    this.seen = new long[seenKeys];
    this.candidates = new long[candidates];
    this.evidence = new float[candidates * LinkFamily.ALL.length];
    this.kinds = new byte[candidates];
  }

  /**
   * Whether this account harvests reasoning: at least {@value #HARVEST_MINIMUM} requests, and the
   * share {@code share} of all its requests, ask for the reasoning written out.
   */
  boolean harvests(double share) {
    long e = elicited;
    return e >= HARVEST_MINIMUM && e >= share * requests;
  }

  /** Bins of the day in the activity profile (4 hours each). */
  static final int HOUR_BINS = 6;

  /** Counts one request at {@code time} (epoch milliseconds) in the activity profile. */
  void recordTime(long time) {
    int bin = (int) (Math.floorMod(time, 86_400_000L) / (86_400_000L / HOUR_BINS));
    if (hours[bin] == Short.MAX_VALUE) {
      for (int i = 0; i < hours.length; i++) {
        hours[i] >>= 1;
      }
    }
    hours[bin]++;
  }

  /**
   * How much this account's hours of the day agree with {@code other}'s: the overlap of the two
   * normalised profiles, 1 for the same hours, 0 for disjoint ones (read without the other's
   * monitor: a racy read of a few shorts only blurs the estimate).
   */
  double hoursOverlap(AccountLinks other) {
    double mine = 0;
    double theirs = 0;
    for (int i = 0; i < HOUR_BINS; i++) {
      mine += hours[i];
      theirs += other.hours[i];
    }
    if (mine == 0 || theirs == 0) {
      return 0;
    }
    double overlap = 0;
    for (int i = 0; i < HOUR_BINS; i++) {
      overlap += Math.min(hours[i] / mine, other.hours[i] / theirs);
    }
    return overlap;
  }

  /** The fewest reasoning-eliciting requests that make an account a harvester. */
  static final int HARVEST_MINIMUM = 5;

  /**
   * Counts one request through template key {@code key} (never 0: 0 marks a free slot) carrying
   * task {@code taskHash}; returns the key's slot, for {@link #distinctTasks} and {@link
   * #templateBurst}.
   */
  int recordTemplate(long key, long taskHash) {
    int slot = -1;
    int min = 0;
    for (int i = 0; i < templateKeys.length; i++) {
      if (templateKeys[i] == key) {
        slot = i;
        break;
      }
      if (templateCounts[i] < templateCounts[min]) {
        min = i;
      }
    }
    if (slot < 0) {
      slot = min;
      templateKeys[slot] = key;
      templateTasks[slot] = 0;
      templateTicks[slot] = 0;
      templateCounts[slot] = templateCounts[slot] + 1; // space-saving: inherit the evicted count
    } else {
      templateCounts[slot]++;
    }
    templateTasks[slot] = PackedDistinct.add(templateTasks[slot], KeyTable.mix(taskHash));
    return slot;
  }

  /** The estimated distinct tasks this account has pushed through the template in {@code slot}. */
  double distinctTasks(int slot) {
    return PackedDistinct.estimate(templateTasks[slot]);
  }

  /**
   * The burst score of the template in {@code slot} in tick {@code tick}: this account's edge to
   * it is counted in {@code bursts} on its first request through it in the tick, and that edge's
   * score is reused for the rest of the tick.
   */
  double templateBurst(int slot, long tick, TemplateBursts bursts) {
    if (templateTicks[slot] != tick + 1) {
      templateTicks[slot] = tick + 1;
      templateBursts[slot] = (float) bursts.observe(templateKeys[slot], tick);
    }
    return templateBursts[slot];
  }

  /** True the first time (lately) this account sees {@code key}. */
  boolean firstSight(long key) {
    for (long s : seen) {
      if (s == key) {
        return false;
      }
    }
    seen[seenCursor] = key;
    seenCursor = (seenCursor + 1) % seen.length;
    return true;
  }

  /**
   * Adds {@code weight} of {@code family} evidence linking this account to campaign (or account)
   * {@code root}; {@code kind} is {@link #DIRECT} for a payment or address prefix, {@link #PAIRED}
   * for paired client evidence, 0 for a corroborating key. Returns the bit mask of families whose
   * evidence towards it reached {@code threshold}, with the {@code DIRECT} and {@code PAIRED} bits
   * of every contribution so far. {@code resolve} maps stored candidates to their current roots,
   * since campaigns merge while evidence accumulates.
   */
  int addEvidence(long root, LinkFamily family, double weight, int kind, double threshold, Resolver resolve) {
    int slot = -1;
    int weakest = 0;
    float weakestSum = Float.MAX_VALUE;
    for (int i = 0; i < candidates.length; i++) {
      if (candidates[i] != 0 && resolve.root(candidates[i]) == root) {
        slot = i;
        break;
      }
      float sum = 0;
      for (int f = 0; f < LinkFamily.ALL.length; f++) {
        sum += evidence[i * LinkFamily.ALL.length + f];
      }
      if (candidates[i] == 0) {
        sum = -1;
      }
      if (sum < weakestSum) {
        weakestSum = sum;
        weakest = i;
      }
    }
    if (slot < 0) {
      slot = weakest;
      for (int f = 0; f < LinkFamily.ALL.length; f++) {
        evidence[slot * LinkFamily.ALL.length + f] = 0;
      }
      kinds[slot] = 0;
    }
    candidates[slot] = root;
    kinds[slot] |= (byte) (kind >>> LinkFamily.ALL.length);
    int base = slot * LinkFamily.ALL.length;
    evidence[base + family.ordinal()] = (float) Math.min(1.0, evidence[base + family.ordinal()] + weight);
    // Evidence gathered towards accounts or campaigns that have since merged into this root
    // counts together.
    float[] total = new float[LinkFamily.ALL.length];
    int anyKind = 0;
    for (int i = 0; i < candidates.length; i++) {
      if (i == slot || (candidates[i] != 0 && resolve.root(candidates[i]) == root)) {
        anyKind |= kinds[i];
        for (int f = 0; f < total.length; f++) {
          total[f] += evidence[i * LinkFamily.ALL.length + f];
        }
      }
    }
    int mask = 0;
    for (int f = 0; f < total.length; f++) {
      if (total[f] >= threshold) {
        mask |= 1 << f;
      }
    }
    return mask | (anyKind << LinkFamily.ALL.length);
  }

  /** Forgets the evidence towards {@code root} (after joining it). */
  void clearCandidate(long root, Resolver resolve) {
    for (int i = 0; i < candidates.length; i++) {
      if (candidates[i] != 0 && resolve.root(candidates[i]) == root) {
        candidates[i] = 0;
        kinds[i] = 0;
        for (int f = 0; f < LinkFamily.ALL.length; f++) {
          evidence[i * LinkFamily.ALL.length + f] = 0;
        }
      }
    }
  }

  /** Maps a campaign or account id to its current root. */
  interface Resolver {
    long root(long id);
  }
}
