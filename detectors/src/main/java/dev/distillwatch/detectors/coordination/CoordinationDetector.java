package dev.distillwatch.detectors.coordination;

import static dev.distillwatch.detectors.UnitInterval.clamp;

import com.github.benmanes.caffeine.cache.Cache;
import dev.distillwatch.core.Derivation;
import dev.distillwatch.core.Detector;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.Bounded;
import dev.distillwatch.detectors.domain.Domain;
import dev.distillwatch.detectors.domain.DomainClassifier;
import dev.distillwatch.detectors.template.TemplateBands;
import dev.distillwatch.detectors.template.TemplateFeatures;
import dev.distillwatch.detectors.text.PhraseClass;
import dev.distillwatch.detectors.text.PhraseScan;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Campaigns across accounts: links accounts that share rare infrastructure and pushed templates
 * into campaigns, online and in bounded memory, and gives each member its campaign's score.
 *
 * <p><b>Links.</b> Each exchange yields link keys ({@link LinkKeys}): its payment fingerprint
 * ({@link LinkFamily#BILLING}); its /24 or /48 and ASN ({@link LinkFamily#NETWORK}); its request
 * shape and client fingerprint ({@link LinkFamily#CLIENT}); and the band keys of its template
 * skeleton ({@link TemplateBands}, from the shared {@link TemplateFeatures} derivation), which link
 * ({@link LinkFamily#CONTENT}) only once the account has pushed {@link
 * CoordinationConfig#minimumDistinctTasks()} distinct tasks through that template — a popular
 * prompt, the same task sent by thousands, never links. The {@link KeyTable} remembers per key a
 * representative account and how many accounts used it; a link from an account to the
 * representative's campaign weighs 1 for a key shared by at most {@link
 * CoordinationConfig#rareAccounts()} accounts, falling on a log scale to 0 at {@link
 * CoordinationConfig#hubAccounts()} (IDF-style: a user-agent string, a carrier NAT, a popular
 * template are hubs and join nothing). Links between accounts of one declared organisation are
 * ignored: a company's accounts behind its NAT and card are one customer, not a campaign.
 *
 * <p><b>Merges.</b> Evidence accumulates per account, per candidate campaign, per family (each key
 * counted once); an account joins a campaign — or two campaigns merge — only when at least {@link
 * CoordinationConfig#minimumFamilies()} independent families each reach {@link
 * CoordinationConfig#familyThreshold()} ({@link LinkFamily#independent}: network and client
 * count as one), and either one key of them is a direct link (a payment fingerprint, a /24 or
 * /48; an ASN, a client fingerprint and a template band weigh less and only corroborate) or the
 * content and client evidence come from one <em>pair</em> of accounts: the same rare request
 * shape with a template both push tasks through, or with reasoning harvested by both ({@link
 * CoordinationConfig#harvestShare()}), at the same hours of the day ({@link
 * CoordinationConfig#hoursOverlap()}). A NAT alone, a university network alone, a wrapper app's
 * end users, a shared template alone never merge. {@link CampaignForest} keeps the campaigns
 * (union-find, older id survives, so ids are stable).
 *
 * <p><b>Score.</b> From the campaign's {@link CampaignStats}: size (members, log scale up to {@link
 * CoordinationConfig#saturationMembers()}), volume (requests, up to {@link
 * CoordinationConfig#saturationRequests()}), pattern (requests through templates their sender
 * pushes distinct tasks through, 10 %→40 %; requests eliciting reasoning, 10 %→50 %; requests
 * sent while their template was in a burst of accounts ({@link TemplateBursts}, MIDAS-R on the
 * account→template edge stream), 10 %→40 %; or load
 * spread evenly over the members, coefficient of variation of their request counts below 0.4 —
 * a benign group's members differ by orders of magnitude; a campaign without a direct link must
 * spread its load evenly, since the users of one app share its shape and instruction too), focus
 * (the sampled capability-domain
 * share, 50 %→85 %) and novelty (distinct tasks per request, saturating at 0.4, or distinct tasks
 * in all, 20→{@link CoordinationConfig#saturationTasks()} on a log scale: a cohort
 * repeating one assignment scores low): {@code maximumScore × (0.4 + 0.6 size) × (0.5 + 0.5
 * volume) × pattern × (0.5 + 0.5 focus) × novelty}. Every member's signal carries that score, the
 * campaign's evidence and its id ({@link Signal#withCampaign}), so an account with a handful of
 * requests in a large campaign is flagged on the campaign's evidence — as long as its own
 * requests look like the campaign's (after 12, a tenth through its templates, asking for
 * written-out reasoning or with a rare request shape the campaign sends).
 *
 * <p><b>Memory</b>: the key table (fixed, {@code keyCapacity} × 40 bytes), per-account state
 * (Caffeine, at most {@link Settings#maximumAccounts()}, ~1 KB each), campaign nodes
 * (Caffeine, at most {@code campaignCapacity}) and the template bursts' sketches (1 MB). {@link #merge} folds another node's state in.
 *
 * <p><b>Concurrency</b>: account state under its own monitor, key table under striped locks,
 * campaign stats under theirs; only a union (once per account joining) takes one short global
 * lock.
 */
public final class CoordinationDetector implements Detector {
  /** This detector's name in signals and settings. */
  public static final String NAME = "coordination";

  private static final int TEMPLATES_PER_ACCOUNT = 16;
  /** Own requests after which a member must look like its campaign to carry its score. */
  private static final int CONFORMITY_REQUESTS = 12;
  /** The share of its own requests that must look like the campaign's for the full score. */
  private static final double CONFORMITY_SHARE = 0.1;
  /** Salt of the sighting that counts a shape key once more, as a harvest pair. */
  private static final long HARVEST_PAIR = 0x6861727665737450L;
  private static final int SEEN_KEYS = 24;
  private static final int CANDIDATES = 6;
  /**
   * Weight of a link through one template band: two bands of a rare template's skeleton must
   * agree (one band of two rows can be a common opening: at full Alibaba scale, single-band
   * matches plus a home /24 that is also a proxy exit merged benign users into a campaign).
   */
  private static final double TEMPLATE_SCALE = 0.25;

  private final CoordinationConfig config;
  private final long seed;
  private final Derivation<TemplateFeatures> features;
  private final LinkKeys linkKeys;
  private final KeyTable keys;
  private final CampaignForest forest;
  private final TemplateBursts bursts;
  private final Cache<Long, AccountLinks> accounts;

  private CoordinationDetector(CoordinationConfig config, Settings settings) {
    this.config = config;
    this.seed = settings.seed();
    this.features = TemplateFeatures.derivation(settings.seed());
    this.linkKeys = new LinkKeys(settings.seed());
    this.keys = new KeyTable(config.keyCapacity());
    this.forest = new CampaignForest(config.campaignCapacity());
    this.bursts = new TemplateBursts(settings.seed());
    this.accounts = Bounded.ofSize(settings.maximumAccounts());
  }

  /** A coordination detector with the given configuration. */
  public static CoordinationDetector create(CoordinationConfig config, Settings settings) {
    return new CoordinationDetector(config, settings);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Signal inspect(Exchange exchange) {
    long now = exchange.timestamp();
    long id = linkKeys.account(exchange.account());
    long org = linkKeys.org(exchange.org());
    AccountLinks a = accounts.get(id, k -> new AccountLinks(id, org, now, TEMPLATES_PER_ACCOUNT, SEEN_KEYS, CANDIDATES));

    TemplateFeatures f = exchange.derived(features);
    long task = f.isEmpty() ? 0 : f.taskHash();
    int bands = f.isEmpty() ? 0 : config.templateBands();
    PhraseScan scan = exchange.derived(PhraseScan.DERIVATION);
    // As the reasoning detector reads it: "do not show your reasoning" asks for none.
    boolean negated = scan.inUser(PhraseClass.REASONING_NEGATION) > 0;
    boolean elicits = !negated && scan.inUser(PhraseClass.REASONING_STRONG) + scan.inUser(PhraseClass.REASONING_ELABORATE)
        + scan.inUser(PhraseClass.REASONING_TAGS) > 0;
    boolean reasoning = elicits || (!negated && scan.inUser(PhraseClass.REASONING_WEAK) > 0);

    long[] k = new long[LinkKeys.MAXIMUM + bands];
    LinkFamily[] fam = new LinkFamily[k.length];
    double[] scale = new double[k.length];
    long rawShape = linkKeys.shape(exchange.parameters());
    long shape = rawShape == 0 ? 0 : LinkFamily.CLIENT.tag(rawShape);
    int n = linkKeys.extract(exchange, rawShape, k, fam, scale);
    for (int i = 0; i < n; i++) {
      k[i] = fam[i].tag(k[i]);
    }
    int firstBand = n;
    for (int b = 0; b < bands; b++) {
      long key = TemplateBands.key(f, b, config.templateRows());
      if (key != 0) {
        k[n] = LinkFamily.CONTENT.tag(key);
        scale[n] = TEMPLATE_SCALE;
        fam[n++] = LinkFamily.CONTENT;
      }
    }
    boolean templated;
    long requests;
    long tick = TemplateBursts.tickOf(now);
    double burst = 0;
    synchronized (a) {
      // The template's bands: the request is templated when any band of its skeleton carries
      // enough distinct tasks from this account.
      double pushed = 0;
      for (int i = firstBand; i < n; i++) {
        int slot = a.recordTemplate(k[i], task);
        double tasks = a.distinctTasks(slot);
        pushed = Math.max(pushed, tasks);
        if (tasks >= config.minimumDistinctTasks()) {
          burst = Math.max(burst, a.templateBurst(slot, tick, bursts));
        }
      }
      templated = pushed >= config.minimumDistinctTasks();
      a.requests++;
      a.recordTime(now);
      requests = a.requests;
      if (templated) {
        a.templated++;
      }
      if (reasoning) {
        a.reasoning++;
      }
      if (elicits && task != 0) {
        a.elicited++;
      }
      if (templated) {
        a.templatedShape = shape;
      }
    }

    boolean joinedNow = false;
    boolean campaignShape = false;
    double shapeWeight = 0;
    for (int i = 0; i < n; i++) {
      KeyTable.View v = keys.touch(k[i], id, org, now);
      boolean isShape = shape != 0 && k[i] == shape;
      if (isShape) {
        shapeWeight = LinkKeys.SHAPE_SCALE * weight(v.accounts());
      }
      if (v.representative() == id || (fam[i] == LinkFamily.CONTENT && !templated)) {
        continue;
      }
      if (org != 0 && v.representativeOrg() == org) {
        continue;
      }
      boolean harvestPair = false;
      boolean pairable = org == 0 || v.representativeOrg() == 0; // a pair never joins two declared orgs
      if (isShape && a.harvests(config.harvestShare())) {
        AccountLinks partner = partnerInStep(a, v.representative());
        harvestPair = pairable && partner != null && partner.harvests(config.harvestShare());
        if (!harvestPair && forest.node(campaignOf(v.representative())) == null) {
          // A shape key is represented by a harvesting account when one sends it, so that the
          // next harvesting account with that shape finds a partner.
          keys.represent(k[i], id, org);
          continue;
        }
      }
      double w = scale[i] * weight(v.accounts());
      if (w <= 0) {
        continue;
      }
      long mine = rootOf(a);
      long other = forest.root(campaignOf(v.representative()));
      if (other == mine) {
        if (isShape && forest.node(mine) != null) {
          campaignShape = true;
        }
        continue;
      }
      boolean first;
      boolean pairFirst;
      synchronized (a) {
        // Each key counts once towards each candidate campaign, and once more as a harvest pair.
        first = a.firstSight(k[i] ^ KeyTable.mix(other));
        pairFirst = harvestPair && a.firstSight(k[i] ^ KeyTable.mix(other) ^ HARVEST_PAIR);
      }
      if (!first && !pairFirst) {
        continue;
      }
      int mask = 0;
      synchronized (a) {
        if (first) {
          mask = a.addEvidence(other, fam[i], w, scale[i] >= 1 ? AccountLinks.DIRECT : 0, config.familyThreshold(),
              forest::root);
        }
        AccountLinks templatePartner = fam[i] == LinkFamily.CONTENT && shapeWeight > 0 && pairable
            ? partnerInStep(a, v.representative()) : null;
        if (templatePartner != null && templatePartner.templatedShape == shape) {
          // The template's representative pushes its tasks with the same rare request shape: the
          // pair is linked by client too, whoever represents the shape key itself. Not across two
          // declared organisations: two vetted customers running one tool are two customers.
          mask = a.addEvidence(other, LinkFamily.CLIENT, shapeWeight, AccountLinks.PAIRED, config.familyThreshold(),
              forest::root);
        }
        if (pairFirst) {
          // Both send the same rare request shape and both ask for written-out reasoning on a large
          // share of distinct tasks: the same harvest, however its instructions are paraphrased.
          a.addEvidence(other, LinkFamily.CLIENT, w, AccountLinks.PAIRED, config.familyThreshold(), forest::root);
          mask = a.addEvidence(other, LinkFamily.CONTENT, w, AccountLinks.PAIRED, config.familyThreshold(),
              forest::root);
        }
      }
      // Two independent families, and a direct link (the same card, the same /24 or /48) or the
      // pair template and client: an ASN or a client fingerprint alone only corroborates.
      if (LinkFamily.enough(mask & AccountLinks.FAMILIES, (mask & AccountLinks.DIRECT) != 0,
          (mask & AccountLinks.PAIRED) != 0, config.minimumFamilies())) {
        long keep = forest.union(mine, since(mine, now), other, since(other, now), (m, c) -> joined(m, c, now));
        CampaignForest.Node node = forest.node(keep);
        if (node != null) {
          node.stats.linkedBy(mask & (AccountLinks.FAMILIES | AccountLinks.DIRECT));
        }
        synchronized (a) {
          a.clearCandidate(keep, forest::root);
        }
        joinedNow = true;
      } else if (forest.node(mine) != null && forest.node(other) == null) {
        // A campaign member now represents the key, so later users of it link to the campaign.
        keys.represent(k[i], id, org);
      }
    }

    long root = rootOf(a);
    CampaignForest.Node node = forest.node(root);
    if (node == null) {
      return Signal.none(NAME);
    }
    if (!joinedNow) {
      int domain = -1;
      // The campaign's focus is what its harvest asks for: sampled among the requests that go
      // through templates or elicit reasoning, so camouflage traffic does not dilute it.
      boolean sampleDomain;
      synchronized (a) {
        sampleDomain = (templated || reasoning) && a.harvested++ % config.domainStride() == 0 && task != 0;
      }
      if (sampleDomain) {
        Domain d = exchange.derived(DomainClassifier.DERIVATION).domain();
        domain = isCapability(d) ? 1 : 0;
      }
      node.stats.record(requests, templated, reasoning, TemplateBursts.isBurst(burst), task == 0 ? 0 : KeyTable.mix(task),
          domain);
    }
    long conforming;
    synchronized (a) {
      if (campaignShape && shapeWeight > 0) {
        a.campaignShaped++;
      }
      conforming = Math.max(a.campaignShaped, Math.max(a.templated, a.elicited));
    }
    return score(root, node.stats.snapshot(), requests, conforming);
  }

  private Signal score(long root, CampaignStats.Snapshot s, long ownRequests, long ownConforming) {
    if (s.members() < config.minimumMembers() || s.requests() < config.minimumRequests()) {
      return Signal.none(NAME);
    }
    double floor = config.minimumMembers() - 1.0;
    double size = clamp(Math.log(s.members() / floor) / Math.log(config.saturationMembers() / floor));
    double volume = clamp(Math.log(s.requests() / (double) config.minimumRequests())
        / Math.log(config.saturationRequests() / (double) config.minimumRequests()));
    double templatedShare = s.templated() / (double) s.requests();
    double reasoningShare = s.reasoning() / (double) s.requests();
    double capabilityShare = (s.capability() + 0.3 * 4) / (s.classified() + 4.0);
    // The pattern of harvesting: tasks pushed through templates, reasoning elicited, or load
    // spread evenly over the accounts (the point of a hydra; members of a benign group differ
    // by orders of magnitude).
    double t = clamp((templatedShare - 0.1) / 0.3);
    double r = clamp((reasoningShare - 0.1) / 0.4);
    double e = clamp((1.0 - s.dispersion()) / 0.6);
    // Or its accounts arriving on templates in lockstep: requests sent while their template was in
    // a burst of accounts (a launch, a template rotation, a pivot to a new model), 10 %→40 %.
    double lockstepShare = s.lockstep() / (double) s.requests();
    double l = clamp((lockstepShare - 0.1) / 0.3);
    // Linked by template and client only (no shared card or address): users of one niche tool
    // share those too, so the harvest must also be spread evenly, as one operator spreads it
    // (spread CV at most 0.3 in full, nothing from 0.6: app users differ by orders of magnitude).
    boolean infrastructure = (s.families() & AccountLinks.DIRECT) != 0;
    double pattern = infrastructure ? 1 - (1 - t) * (1 - r) * (1 - e) * (1 - l)
        : (1 - (1 - t) * (1 - r)) * clamp((0.6 - s.dispersion()) / 0.3);
    double focus = clamp((capabilityShare - 0.5) / 0.35);
    // Novelty: many distinct tasks per request, or many distinct tasks in all — a campaign that
    // has run through its task set repeats it, and its share of new tasks falls with its volume;
    // a class repeating one assignment has neither.
    double taskShare = s.sampled() == 0 ? 0 : Math.min(1.0, s.tasks() / s.sampled());
    double novelty = Math.max(clamp(taskShare / 0.4), clamp(Math.log(s.tasks() / CoordinationConfig.TASK_FLOOR)
        / Math.log(config.saturationTasks() / (double) CoordinationConfig.TASK_FLOOR)));
    // A member carries the campaign's score only while its own requests look like the campaign's:
    // once it has sent a dozen, a tenth of them at least must go through its templates, ask for
    // written-out reasoning, or carry a rare request shape the campaign sends. A user linked by a
    // coincidental home /24 that is also a proxy exit shows none of that.
    double conformity = ownRequests < CONFORMITY_REQUESTS ? 1
        : clamp(ownConforming / (double) ownRequests / CONFORMITY_SHARE);
    double score = config.maximumScore() * (0.4 + 0.6 * size) * (0.5 + 0.5 * volume) * pattern * (0.5 + 0.5 * focus)
        * novelty * conformity;
    if (!(score > 0)) {
      return Signal.none(NAME);
    }
    StringBuilder linked = new StringBuilder();
    for (LinkFamily family : LinkFamily.ALL) {
      if (family.in(s.families())) {
        linked.append(linked.length() == 0 ? "" : "+").append(family.label());
      }
    }
    double days = s.lastJoin() > s.firstJoin() ? (s.lastJoin() - s.firstJoin()) / 86_400_000.0 : 0;
    String evidence = String.format(Locale.ROOT,
        "campaign %s: %d accounts linked by %s, joined over %.1f days; %d requests (spread CV %.2f),"
            + " %.0f%% through templates each pushing >= %d distinct tasks, %.0f%% in template bursts,"
            + " %.0f%% eliciting reasoning, ~%.0f distinct tasks, %d of %d sampled in capability domains",
        campaignId(root), s.members(), linked.length() == 0 ? "-" : linked, days, s.requests(), s.dispersion(),
        templatedShare * 100, config.minimumDistinctTasks(), lockstepShare * 100, reasoningShare * 100,
        s.tasks(), s.capability(), s.classified());
    return Signal.of(NAME, Math.min(1.0, score), evidence).withCampaign(campaignId(root));
  }

  /** The public id of a campaign root: stable for the run, seeded so it reveals no account. */
  String campaignId(long root) {
    return String.format(Locale.ROOT, "c-%012x", KeyTable.mix(root ^ seed) >>> 16);
  }

  /** The rarity weight of a key shared by {@code accounts} accounts. */
  double weight(double accounts) {
    if (accounts <= config.rareAccounts()) {
      return 1;
    }
    if (accounts >= config.hubAccounts()) {
      return 0;
    }
    return Math.log(config.hubAccounts() / accounts) / Math.log(config.hubAccounts() / config.rareAccounts());
  }

  private long rootOf(AccountLinks a) {
    long c = a.campaign;
    if (c == 0) {
      return forest.root(a.id);
    }
    long root = forest.root(c);
    if (forest.node(root) == null) {
      a.campaign = 0; // the campaign was evicted: on its own again
      return a.id;
    }
    if (root != c) {
      a.campaign = root;
    }
    return root;
  }

  /**
   * The state of {@code account} when it is known and keeps the same hours as {@code a}
   * (SynchroTrap's lesson: one operator's accounts act in step; the users of one app keep their
   * own hours in their own time zones), else null.
   */
  private AccountLinks partnerInStep(AccountLinks a, long account) {
    AccountLinks r = accounts.getIfPresent(account);
    return r != null && a.hoursOverlap(r) >= config.hoursOverlap() ? r : null;
  }

  private long campaignOf(long account) {
    AccountLinks r = accounts.getIfPresent(account);
    return r != null && r.campaign != 0 ? r.campaign : account;
  }

  private long since(long root, long now) {
    AccountLinks r = accounts.getIfPresent(root);
    return r != null ? r.firstSeen : now;
  }

  private void joined(long account, long campaign, long now) {
    CampaignForest.Node node = forest.node(campaign);
    AccountLinks m = accounts.getIfPresent(account);
    if (m == null || node == null) {
      return;
    }
    synchronized (m) {
      m.campaign = node.id;
      node.stats.join(m, now);
    }
  }

  /**
   * Folds another detector's state (another node of the same deployment: same seed and
   * configuration) into this one: accounts known to both merge their campaigns; keys held by
   * both link their representatives' campaigns, and campaigns linked so in at least {@link
   * CoordinationConfig#minimumFamilies()} families merge, as they would have on one node. The
   * other detector must not be used afterwards (its account states are taken over).
   */
  public void merge(CoordinationDetector other) {
    bursts.merge(other.bursts);
    // Campaigns: each of the other's roots is taken in once (stats added).
    other.forest.forEachRoot(r -> adopt(other, r));
    // Accounts: an account known to both keeps this node's state; its campaigns on both merge.
    for (Map.Entry<Long, AccountLinks> e : other.accounts.asMap().entrySet()) {
      AccountLinks theirs = e.getValue();
      long theirRoot = other.rootOf(theirs);
      AccountLinks mine = accounts.asMap().putIfAbsent(e.getKey(), theirs);
      if (mine != null && theirRoot != theirs.id) {
        forest.union(rootOf(mine), mine.firstSeen, forest.root(theirRoot), theirs.firstSeen, (m, c) -> joined(m, c, 0));
      }
    }
    // Keys: a key held by both links its two representatives' campaigns in its family; two
    // families between the same pair of campaigns merge them, as on one node.
    TreeMap<String, Integer> pairs = new TreeMap<>();
    keys.merge(other.keys, (key, rep, otherRep, count) -> {
      if (weight(count) <= 0) {
        return;
      }
      long a = forest.root(campaignOf(rep));
      long b = forest.root(campaignOf(otherRep));
      if (a != b) {
        String pair = Math.min(a, b) + ":" + Math.max(a, b);
        pairs.merge(pair, 1 << LinkFamily.of(key).ordinal(), (x, y) -> x | y);
      }
    });
    for (Map.Entry<String, Integer> p : pairs.entrySet()) {
      int mask = p.getValue();
      boolean direct = LinkFamily.BILLING.in(mask) || LinkFamily.NETWORK.in(mask);
      if (LinkFamily.enough(mask, direct, false, config.minimumFamilies())) {
        String[] ab = p.getKey().split(":");
        long a = Long.parseLong(ab[0]);
        long b = Long.parseLong(ab[1]);
        forest.union(a, since(a, 0), b, since(b, 0), (m, c) -> joined(m, c, 0));
      }
    }
  }

  private void adopt(CoordinationDetector other, long theirRoot) {
    CampaignForest.Node theirs = other.forest.node(theirRoot);
    if (theirs != null) {
      forest.adopt(theirs);
    }
  }

  /** Accounts with state now (at most {@link Settings#maximumAccounts()}). */
  long trackedAccounts() {
    accounts.cleanUp();
    return accounts.estimatedSize();
  }

  /** Link keys held now (at most {@link CoordinationConfig#keyCapacity()}). */
  int trackedKeys() {
    return keys.size();
  }

  /** Campaign nodes held now (at most {@link CoordinationConfig#campaignCapacity()}). */
  long trackedCampaigns() {
    return forest.size();
  }

  /** The campaign id of an account, or null when it is in none (for tests and tools). */
  public String campaignOf(String account) {
    AccountLinks a = accounts.getIfPresent(linkKeys.account(account));
    if (a == null) {
      return null;
    }
    long root = rootOf(a);
    return forest.node(root) == null ? null : campaignId(root);
  }

  private static boolean isCapability(Domain d) {
    return d == Domain.CODING || d == Domain.MATH || d == Domain.REASONING || d == Domain.AGENTIC;
  }

}
