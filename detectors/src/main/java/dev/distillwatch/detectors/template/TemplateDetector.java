package dev.distillwatch.detectors.template;

import static dev.distillwatch.detectors.UnitInterval.clamp;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import com.github.benmanes.caffeine.cache.Cache;
import dev.distillwatch.core.Derivation;
import dev.distillwatch.core.Detector;
import dev.distillwatch.detectors.AccountTable;
import dev.distillwatch.detectors.Bounded;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.domain.Domain;
import dev.distillwatch.detectors.domain.DomainClassification;
import dev.distillwatch.detectors.domain.DomainClassifier;
import dev.distillwatch.sketches.index.ClusterStats;
import dev.distillwatch.sketches.index.TemplateIndex;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Template concentration: many distinct tasks pushed through one prompt template, especially a
 * template shared by many accounts that each push many distinct tasks.
 *
 * <p><b>Per request</b>, from the shared {@link TemplateFeatures} derivation (one shingling pass
 * over the last user message): the skeleton's MinHash signature is assigned to a template cluster
 * of one global {@link TemplateIndex} (LSH, fixed capacity), and the content's 64-bit fingerprint
 * identifies the task.
 *
 * <p><b>Per account</b> (Caffeine, at most {@link Settings#maximumAccounts()}): its request count
 * and its top {@link TemplateConfig#templatesPerAccount()} templates kept by space-saving (Metwally
 * et al. 2005; counts are conservative lower bounds), each with a tiny KMV distinct count of task
 * fingerprints and the capability-domain share of its tasks from the shared {@link
 * DomainClassifier#DERIVATION}, estimated on a sample: only once the account has {@link
 * TemplateConfig#minimumRequests()} requests, only on a template it sent before, the first 16
 * requests and then one in 16 (the domain pass costs about as much as the shingling; it is free
 * when the domain detector already ran on the exchange); the share is shrunk towards 0.3 with the
 * weight of 4 requests, so a handful of classified requests cannot make it 100 %. Counts are
 * halved at {@link TemplateConfig#halvingRequests()}. Worst case ~1 KB per account (4 slots with
 * full task sketches); an account allocates a slot's task sketch only when it sends that template a
 * second time, so most accounts hold a few dozen bytes.
 *
 * <p><b>Per template</b>: the index's estimate of distinct accounts that sent it, and the
 * detector's own KMV count of <em>task-pushing</em> accounts (those that sent at least {@link
 * TemplateConfig#minimumDistinctTasks()} distinct tasks through it), in a Caffeine map bounded by
 * the index capacity.
 *
 * <p><b>Score</b>, once the account has {@code minimumRequests} requests, over its <em>heavy</em>
 * templates (tracked ones each carrying at least {@code minimumDistinctTasks} distinct tasks, so
 * a campaign rotating a few templates per account is seen as one that uses one): the product of
 * concentration (their share of the account's requests, linear between {@link
 * TemplateConfig#shareFloor()} and {@link TemplateConfig#shareSaturation()}), diversity (distinct
 * tasks through them, logarithmic up to {@link TemplateConfig#saturationDistinctTasks()}, from
 * 0.25) and novelty (distinct tasks per request, saturating at {@link
 * TemplateConfig#minimumNovelty()}). The single-account score is
 * that product × {@link TemplateConfig#singleAccountMaximumScore()} × (0.6 + 0.4 × capability
 * share); the shared score is that product × {@link TemplateConfig#maximumScore()} × (0.25 + 0.75 ×
 * capability share) × sharing (log of task-pushing accounts of the most shared heavy template,
 * saturating at {@link TemplateConfig#saturationAccounts()}), with diversity there read from the
 * account or from the template's own distinct tasks, whichever is larger (a campaign spreads its
 * tasks over its accounts); the signal is the larger of the two. So a batch job (one account,
 * writing tasks) stays ≤ 0.3, a lone account pushing coding tasks ≤ 0.5, a classroom or a popular
 * prompt (one distinct task per account) at 0, a wrapper app (fixed system prompt, varied user
 * turns: many templates, none dominant) at 0.
 *
 * <p><b>Concurrency</b>: the index is not thread-safe and there is one per detector, so {@code
 * assign} (~0.6 µs) and the occasional {@code stats} read run under one non-fair {@link
 * ReentrantLock}; shingling, signing and the domain pass happen before, outside it. Lock striping
 * is impossible for one global index and per-thread indexes would split templates. The lock covers
 * ~0.6 µs of a ~7 µs request; {@code TemplateBenchmark.inspectTwoThreads} against its lock-free
 * baseline showed no contention distinguishable from the shared machine's load. Account state is
 * updated under the account's own monitor, per-template tallies under theirs.
 */
public final class TemplateDetector implements Detector {
  /** This detector's name in signals and settings. */
  public static final String NAME = "template";

  private final TemplateConfig config;
  private final Derivation<TemplateFeatures> features;
  private final Hasher64 accountHasher;
  private final TemplateIndex index;
  private final ReentrantLock indexLock = new ReentrantLock();
  private final AccountTable.Slot<Account> accounts;
  private final Cache<Long, TemplateTally> tallies;

  private TemplateDetector(TemplateConfig config, Settings settings, AccountTable table) {
    this.config = config;
    this.features = TemplateFeatures.derivation(settings.seed());
    this.accountHasher = Hashing.komihash5_0(settings.seed() ^ 0x6163636F756E74L);
    this.index = TemplateIndex.builder()
        .capacity(config.templateCapacity())
        .seed(settings.seed())
        .build();
    this.accounts = table.slot(e -> new Account(config.templatesPerAccount()));
    this.tallies = Bounded.ofSize(config.templateCapacity());
  }

  /** A template detector with the given configuration. */
  public static TemplateDetector create(TemplateConfig config, Settings settings) {
    return create(config, settings, AccountTable.create(settings));
  }

  /**
   * A template detector keeping its per-account state in a slot of {@code accounts}, a table shared with
   * the other detectors of a suite (one account look-up per request for all of them).
   */
  public static TemplateDetector create(TemplateConfig config, Settings settings, AccountTable accounts) {
    return new TemplateDetector(config, settings, accounts);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Signal inspect(Exchange exchange) {
    TemplateFeatures f = exchange.derived(features);
    if (f.isEmpty()) {
      return Signal.none(NAME);
    }
    long accountHash = accountHasher.hashCharsToLong(exchange.account());
    long cluster;
    indexLock.lock();
    try {
      cluster = index.assign(f.signature(), accountHash, exchange.timestamp());
    } finally {
      indexLock.unlock();
    }
    Account account = accounts.of(exchange);
    int domain = -1;
    boolean classify;
    synchronized (account) {
      classify = config.domainAware() && account.wantsDomain(cluster, config);
    }
    if (classify) {
      DomainClassification c = exchange.derived(DomainClassifier.DERIVATION);
      domain = c.domain().ordinal();
    }
    Snapshot s;
    synchronized (account) {
      s = account.record(cluster, f.taskHash(), domain, config);
    }
    if (s.newlyPushing) {
      tallies.get(cluster, k -> new TemplateTally()).addPusher(accountHash);
    }
    if (s.currentPushing) {
      TemplateTally t = tallies.getIfPresent(cluster);
      if (t != null) {
        t.addTask(f.taskHash());
      }
    }
    return s.heavy == 0 ? Signal.none(NAME) : score(s);
  }

  private Signal score(Snapshot s) {
    double share = s.own / (double) s.total;
    double concentration = clamp((share - config.shareFloor()) / (config.shareSaturation() - config.shareFloor()));
    if (concentration <= 0) {
      return Signal.none(NAME);
    }
    double min = config.minimumDistinctTasks();
    double diversity = 0.25 + 0.75 * clamp(Math.log(s.tasks / min) / Math.log(config.saturationDistinctTasks() / min));
    double novelty = clamp(s.tasks / s.own / config.minimumNovelty());
    // Shrunk towards a prior: a share read from a handful of classified requests is noise.
    double capability = config.domainAware()
        ? (s.capability + CAPABILITY_PRIOR * CAPABILITY_PRIOR_WEIGHT) / (s.classified + CAPABILITY_PRIOR_WEIGHT)
        : 1.0;
    double base = concentration * diversity * novelty;
    double single = config.singleAccountMaximumScore() * base * (0.6 + 0.4 * capability);

    // The most shared of the account's heavy templates.
    double pushing = 1;
    double templateTasks = 0;
    long shared = s.clusters[0];
    for (int i = 0; i < s.heavy; i++) {
      TemplateTally t = tallies.getIfPresent(s.clusters[i]);
      if (t != null) {
        synchronized (t) {
          double p = t.pushers.estimate();
          if (p > pushing) {
            pushing = p;
            templateTasks = t.tasks.estimate();
            shared = s.clusters[i];
          }
        }
      }
    }
    double sharing = clamp(Math.log(pushing) / Math.log(config.saturationAccounts()));
    // Across accounts, the template's own distinct tasks count (saturating 8x higher): a campaign
    // spreads its tasks over its accounts, so each account alone may push only tens.
    double templateDiversity = 0.25 + 0.75 * clamp(Math.log(Math.max(min, templateTasks) / min)
        / Math.log(8.0 * config.saturationDistinctTasks() / min));
    double sharedScore = config.maximumScore() * concentration * novelty
        * Math.max(diversity, templateDiversity) * (0.25 + 0.75 * capability) * sharing;
    double score = Math.max(single, sharedScore);
    if (!(score > 0)) {
      return Signal.none(NAME);
    }
    ClusterStats stats;
    indexLock.lock();
    try {
      stats = index.stats(shared);
    } finally {
      indexLock.unlock();
    }
    double senders = stats == null ? pushing : Math.max(pushing, stats.distinctAccounts());
    StringBuilder e = new StringBuilder(200);
    e.append(String.format(Locale.ROOT, "%.0f%% of %d requests through %s (%.0f distinct tasks",
        share * 100, s.total, s.heavy == 1 ? "template t-" + s.clusters[0]
            : s.heavy + " templates, top t-" + s.clusters[0], s.tasks));
    if (config.domainAware() && s.classified > 0) {
      e.append(String.format(Locale.ROOT, "; %d of %d sampled in capability domains, mostly %s",
          s.capability, s.classified, Domain.of(s.topDomain).label()));
    }
    e.append(String.format(Locale.ROOT,
        "); template t-%d sent by ~%.0f accounts, ~%.0f pushing >= %d distinct tasks",
        shared, senders, pushing, config.minimumDistinctTasks()));
    if (pushing > 1) {
      e.append(String.format(Locale.ROOT, ", ~%.0f distinct tasks in all", Math.max(templateTasks, s.tasks)));
    }
    return Signal.of(NAME, Math.min(1.0, score), e.toString());
  }

  /** How many accounts this detector holds state for now (at most the configured maximum). */
  long trackedAccounts() {
    return accounts.trackedAccounts();
  }

  /** How many template clusters the index holds now. */
  int templates() {
    indexLock.lock();
    try {
      return index.size();
    } finally {
      indexLock.unlock();
    }
  }

  private static boolean isCapability(int domain) {
    return domain == Domain.CODING.ordinal() || domain == Domain.MATH.ordinal()
        || domain == Domain.REASONING.ordinal() || domain == Domain.AGENTIC.ordinal();
  }

  /** What scoring needs from an account, copied out under its monitor. */
  private record Snapshot(int heavy, long[] clusters, long total, long own, double tasks,
      long classified, long capability, int topDomain, boolean newlyPushing,
      boolean currentPushing) {}

  /** Per template: its task-pushing accounts and the distinct tasks they pushed through it. */
  private static final class TemplateTally {
    final DistinctSketch pushers = new DistinctSketch(16);
    final DistinctSketch tasks = new DistinctSketch(32);

    synchronized void addPusher(long accountHash) {
      pushers.add(TemplateFeatures.mix(accountHash));
    }

    synchronized void addTask(long taskHash) {
      tasks.add(TemplateFeatures.mix(taskHash));
    }
  }

  /** Prior capability share and its weight in pseudo-requests. */
  private static final double CAPABILITY_PRIOR = 0.3;
  private static final double CAPABILITY_PRIOR_WEIGHT = 4;

  /** Classified requests per tracked template before sampling starts. */
  private static final int DOMAIN_SAMPLE = 16;
  /** After that, one request in this many is classified. */
  private static final int DOMAIN_STRIDE = 16;

  /** One tracked template of an account (a space-saving counter with its task sketch). */
  private static final class Slot {
    long cluster;
    long count; // space-saving count, inherited error included
    long error; // inherited from the evicted slot
    DistinctSketch tasks; // allocated on the template's second request from this account
    long firstTask;
    int[] domains; // per Domain ordinal, allocated on first classified request
    long classified;
    long capability;
    boolean pushing;

    void reset(long cluster, long inheritedCount) {
      this.cluster = cluster;
      this.count = inheritedCount + 1;
      this.error = inheritedCount;
      this.tasks = null;
      this.domains = null;
      this.classified = 0;
      this.capability = 0;
      this.pushing = false;
    }
  }

  /** Per-account state; mutated only under its own monitor. */
  private static final class Account {
    volatile long total;
    final Slot[] slots;
    int used;

    Account(int k) {
      slots = new Slot[k];
    }

    /**
     * Whether this request's domain is worth a classification pass: only for an account with
     * volume, only on a template it has sent before (a wrapper app's user turns, each in a new
     * cluster, never pay), every request for the first {@link #DOMAIN_SAMPLE} classified ones
     * and then one in {@link #DOMAIN_STRIDE}: the capability share is a proportion, and a
     * sample estimates it.
     */
    boolean wantsDomain(long cluster, TemplateConfig config) {
      if (total + 1 < config.minimumRequests()) {
        return false;
      }
      for (int i = 0; i < used; i++) {
        Slot slot = slots[i];
        if (slot.cluster == cluster) {
          return slot.classified < DOMAIN_SAMPLE || (slot.count + 1) % DOMAIN_STRIDE == 0;
        }
      }
      return false;
    }

    Snapshot record(long cluster, long taskHash, int domain, TemplateConfig config) {
      total++;
      Slot slot = null;
      for (int i = 0; i < used; i++) {
        if (slots[i].cluster == cluster) {
          slot = slots[i];
          slot.count++;
          break;
        }
      }
      boolean fresh = false;
      if (slot == null) {
        fresh = true;
        if (used < slots.length) {
          slot = slots[used++] = new Slot();
          slot.reset(cluster, 0);
        } else {
          slot = slots[0];
          for (int i = 1; i < used; i++) {
            if (slots[i].count < slot.count) {
              slot = slots[i];
            }
          }
          slot.reset(cluster, slot.count);
        }
        slot.firstTask = taskHash;
      } else if (slot.tasks == null) {
        slot.tasks = new DistinctSketch(config.taskSketchSize());
        slot.tasks.add(TemplateFeatures.mix(slot.firstTask));
      }
      if (!fresh) {
        slot.tasks.add(TemplateFeatures.mix(taskHash));
      }
      if (domain >= 0) {
        if (slot.domains == null) {
          slot.domains = new int[Domain.COUNT];
        }
        slot.domains[domain]++;
        slot.classified++;
        if (isCapability(domain)) {
          slot.capability++;
        }
      }
      boolean newlyPushing = false;
      if (!slot.pushing && slot.tasks != null
          && Math.min(slot.tasks.estimate(), slot.count - slot.error) >= config.minimumDistinctTasks()) {
        slot.pushing = true;
        newlyPushing = true;
      }
      if (total >= config.halvingRequests()) {
        halve();
      }
      if (total < config.minimumRequests()) {
        return new Snapshot(0, null, total, 0, 0, 0, 0, 0, newlyPushing, slot.pushing);
      }
      // Heavy templates: tracked ones that each carry at least minimumDistinctTasks tasks,
      // heaviest first.
      long[] clusters = null;
      int heavy = 0;
      long own = 0;
      double tasks = 0;
      long classified = 0;
      long capability = 0;
      int[] domains = null;
      long best = -1;
      for (int i = 0; i < used; i++) {
        Slot h = slots[i];
        long o = h.count - h.error;
        double t = h.tasks == null ? 1 : Math.min(h.tasks.estimate(), o);
        if (t < config.minimumDistinctTasks()) {
          continue;
        }
        if (clusters == null) {
          clusters = new long[used];
          domains = new int[Domain.COUNT];
        }
        if (o > best) {
          best = o;
          System.arraycopy(clusters, 0, clusters, 1, heavy);
          clusters[0] = h.cluster;
        } else {
          clusters[heavy] = h.cluster;
        }
        heavy++;
        own += o;
        tasks += t;
        classified += h.classified;
        capability += h.capability;
        if (h.domains != null) {
          for (int d = 0; d < Domain.COUNT; d++) {
            domains[d] += h.domains[d];
          }
        }
      }
      int topDomain = Domain.OTHER.ordinal();
      if (domains != null) {
        for (int d = 0; d < Domain.COUNT; d++) {
          if (domains[d] > domains[topDomain]) {
            topDomain = d;
          }
        }
      }
      return new Snapshot(heavy, clusters, total, own, tasks, classified, capability, topDomain,
          newlyPushing, slot.pushing);
    }

    private void halve() {
      total /= 2;
      for (int i = 0; i < used; i++) {
        Slot s = slots[i];
        s.count /= 2;
        s.error /= 2;
        s.classified /= 2;
        s.capability /= 2;
      }
    }
  }
}
