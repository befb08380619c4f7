package dev.distillwatch.detectors.reasoning;

import static dev.distillwatch.detectors.UnitInterval.clamp;

import dev.distillwatch.core.Detector;
import dev.distillwatch.detectors.AccountTable;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.text.Evidence;
import dev.distillwatch.detectors.text.PhraseClass;
import dev.distillwatch.detectors.text.PhraseScan;
import dev.distillwatch.detectors.text.PhraseScan.Zone;

/**
 * Reasoning elicitation: the share of an account's requests that ask the model to reveal or spell
 * out its chain of thought.
 *
 * <p>Per request, from the shared {@link PhraseScan} (one pass over the text for every phrase
 * detector), an <em>elicitation strength</em> in [0, 1]:
 *
 * <ul>
 *   <li>1 for strong elicitation in the last user message ("print your reasoning verbatim", "imagine and
 *       articulate the internal reasoning behind", "translate your working memory", and their
 *       Chinese, Russian, Spanish, Japanese, Korean and Arabic counterparts);
 *   <li>{@link ReasoningConfig#elaborateWeight()} for the reasoning asked written out in full
 *       ("show your complete reasoning", "write out every step of your thinking", "explain your
 *       reasoning in detail"), and {@link ReasoningConfig#tagWeight()} for reasoning asked inside
 *       tags ({@code <think>});
 *   <li>in earlier user turns, which a conversation re-sends with every request,
 *       {@link ReasoningConfig#systemWeight()} times the above;
 *   <li>a prefilled answer that opens a reasoning tag or asks for reasoning ({@code <think>} as
 *       the start of a trailing assistant message, forcing an R1-style trace): systemWeight
 *       times tagWeight (0.3 by default) on every request, so that a wrapper app that prefills
 *       {@code <thinking>} for all its users stays below WATCH on this alone while a campaign
 *       doing it on every request adds up with its other signals;
 *   <li>in the system prompt, strong elicitation counts fully the first time the account sends
 *       that system prompt and {@link ReasoningConfig#systemWeight()} after, tags only the first
 *       time: wrapper apps repeat one system prompt on every request, and it says something about
 *       the app once, not once per end user;
 *   <li>a zone holding a negation cue ("do not reveal your internal reasoning", "don't show your
 *       work") contributes no elicitation at all: that is what benign system prompts say.
 * </ul>
 *
 * Weak elicitation ("explain step by step", "show your work", "let's think step by step") is
 * counted separately, in the system prompt once per distinct prompt.
 *
 * <p>Per account, exponentially decayed sums of requests, strengths and weak requests (time
 * constant {@link ReasoningConfig#timeConstantMillis()}, on the exchanges' own timestamps). After
 * {@link ReasoningConfig#minimumRequests()} requests, the shares (with
 * {@link ReasoningConfig#priorRequests()} pseudo-requests in the denominator) map linearly to a
 * strong score between a floor and a saturation share, capped at
 * {@link ReasoningConfig#strongMaximumScore()}, and a weak score capped at
 * {@link ReasoningConfig#weakMaximumScore()} (0.3: students, tutors and evaluation harnesses ask
 * for steps too); the two combine as a noisy-OR.
 *
 * <p>Memory: one small record per account (~200 bytes plus the cache entry), at most {@link Settings#maximumAccounts()}
 * of them (Caffeine evicts the rest). No text is kept: system prompts as seeded 64-bit hashes.
 */
public final class ReasoningDetector implements Detector {
  /** This detector's name in signals and settings. */
  public static final String NAME = "reasoning";

  private final ReasoningConfig config;
  private final long seed;
  private final AccountTable.Slot<Account> accounts;

  private ReasoningDetector(ReasoningConfig config, Settings settings, AccountTable table) {
    this.config = config;
    this.seed = settings.seed();
    this.accounts = table.slot(e -> new Account(e.timestamp(), config.systemPromptsRemembered()));
  }

  /** A reasoning-elicitation detector with the given configuration. */
  public static ReasoningDetector create(ReasoningConfig config, Settings settings) {
    return create(config, settings, AccountTable.create(settings));
  }

  /**
   * A reasoning-elicitation detector keeping its per-account state in a slot of {@code accounts}, a table shared with
   * the other detectors of a suite (one account look-up per request for all of them).
   */
  public static ReasoningDetector create(ReasoningConfig config, Settings settings, AccountTable accounts) {
    return new ReasoningDetector(config, settings, accounts);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** What one request asks for, before the account's memory of system prompts is consulted. */
  static final class Request {
    final boolean userStrong;
    final boolean userElaborate;
    final boolean userTags;
    final boolean userWeak;
    final boolean earlierStrong;
    final boolean earlierElaborate;
    final boolean earlierTags;
    final boolean systemStrong;
    final boolean systemElaborate;
    final boolean systemTags;
    final boolean systemWeak;
    final boolean prefill;

    Request(PhraseScan scan) {
      boolean userNegated = scan.count(Zone.USER, PhraseClass.REASONING_NEGATION) > 0;
      boolean earlierNegated = scan.count(Zone.EARLIER, PhraseClass.REASONING_NEGATION) > 0;
      boolean systemNegated = scan.count(Zone.SYSTEM, PhraseClass.REASONING_NEGATION) > 0;
      this.userStrong = !userNegated && scan.count(Zone.USER, PhraseClass.REASONING_STRONG) > 0;
      this.userElaborate = !userNegated && scan.count(Zone.USER, PhraseClass.REASONING_ELABORATE) > 0;
      this.userTags = !userNegated && scan.count(Zone.USER, PhraseClass.REASONING_TAGS) > 0;
      this.earlierStrong = !earlierNegated && scan.count(Zone.EARLIER, PhraseClass.REASONING_STRONG) > 0;
      this.earlierElaborate = !earlierNegated && scan.count(Zone.EARLIER, PhraseClass.REASONING_ELABORATE) > 0;
      this.earlierTags = !earlierNegated && scan.count(Zone.EARLIER, PhraseClass.REASONING_TAGS) > 0;
      this.userWeak = (!userNegated && scan.count(Zone.USER, PhraseClass.REASONING_WEAK) > 0)
          || (!earlierNegated && scan.count(Zone.EARLIER, PhraseClass.REASONING_WEAK) > 0);
      this.systemStrong = !systemNegated && scan.count(Zone.SYSTEM, PhraseClass.REASONING_STRONG) > 0;
      this.systemElaborate = !systemNegated && scan.count(Zone.SYSTEM, PhraseClass.REASONING_ELABORATE) > 0;
      this.systemTags = !systemNegated && scan.count(Zone.SYSTEM, PhraseClass.REASONING_TAGS) > 0;
      this.systemWeak = !systemNegated && scan.count(Zone.SYSTEM, PhraseClass.REASONING_WEAK) > 0;
      this.prefill = scan.count(Zone.PREFILL, PhraseClass.REASONING_NEGATION) == 0
          && (scan.count(Zone.PREFILL, PhraseClass.REASONING_TAGS) > 0
              || scan.count(Zone.PREFILL, PhraseClass.REASONING_STRONG) > 0);
    }
  }

  @Override
  public Signal inspect(Exchange exchange) {
    long now = exchange.timestamp();
    PhraseScan scan = exchange.derived(config.phrases().derivation());
    Request r = new Request(scan);
    long systemKey = scan.systemHash() == 0 ? 0 : mix(scan.systemHash() ^ seed);
    Account account = accounts.of(exchange);
    account.record(now, r, systemKey, config);
    double n;
    double strong;
    double weak;
    long total;
    long strongRequests;
    long weakRequests;
    synchronized (account) {
      account.decayTo(now, config.timeConstantMillis());
      n = account.n;
      strong = account.strong;
      weak = account.weak;
      total = account.total;
      strongRequests = account.strongRequests;
      weakRequests = account.weakRequests;
    }
    if (total < config.minimumRequests() || (strongRequests == 0 && weakRequests == 0)) {
      return Signal.none(NAME);
    }
    double denominator = n + config.priorRequests();
    double strongShare = strong / denominator;
    double weakShare = weak / denominator;
    double strongScore = config.strongMaximumScore()
        * clamp((strongShare - config.strongFloor()) / (config.strongSaturation() - config.strongFloor()));
    double weakScore = config.weakMaximumScore() * clamp(weakShare / config.weakSaturation());
    double score = strongScore + weakScore * (1.0 - strongScore); // noisy-OR, exact when one is 0
    if (!(score > 0)) {
      return Signal.none(NAME);
    }
    StringBuilder evidence = new StringBuilder(120)
        .append("CoT elicitation in ").append(strongRequests).append(" of ").append(total)
        .append(" requests (").append(Evidence.percent(strongRequests, total)).append("%); step-by-step only in ")
        .append(weakRequests).append(" (").append(Evidence.percent(weakRequests, total))
        .append("%); decayed shares ");
    Evidence.twoDecimals(evidence, strongShare).append(" weighted elicitation, ");
    Evidence.twoDecimals(evidence, weakShare).append(" step-by-step");
    return Signal.of(NAME, Math.min(1.0, score), evidence.toString());
  }

  /** How many accounts this detector holds state for now. */
  long trackedAccounts() {
    return accounts.trackedAccounts();
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return z == 0 ? 1 : z;
  }

  /** One account's decayed sums and the system prompts it was seen with. */
  private static final class Account {
    long last;
    double n;
    double strong;
    double weak;
    long total;
    long strongRequests;
    long weakRequests;
    final long[] systems;
    int nextSystem;

    Account(long now, int remembered) {
      this.last = now;
      this.systems = new long[remembered];
    }

    synchronized void decayTo(long now, long tau) {
      long dt = now - last;
      if (dt > 0) {
        double f = Math.exp(-(double) dt / tau);
        n *= f;
        strong *= f;
        weak *= f;
        last = now;
      }
    }

    synchronized void record(long now, Request r, long systemKey, ReasoningConfig c) {
      decayTo(now, c.timeConstantMillis());
      boolean newSystem = false;
      if (systemKey != 0 && (r.systemStrong || r.systemElaborate || r.systemTags || r.systemWeak)) {
        newSystem = true;
        for (long s : systems) {
          if (s == systemKey) {
            newSystem = false;
            break;
          }
        }
        if (newSystem) {
          systems[nextSystem] = systemKey;
          nextSystem = (nextSystem + 1) % systems.length;
        }
      }
      double s = r.userStrong ? 1.0 : Math.max(r.userElaborate ? c.elaborateWeight() : 0.0, r.userTags ? c.tagWeight() : 0.0);
      if (r.earlierStrong) { // re-sent with every turn of a conversation: counts like a seen system prompt
        s = Math.max(s, c.systemWeight());
      }
      if (r.earlierElaborate) {
        s = Math.max(s, c.systemWeight() * c.elaborateWeight());
      }
      if (r.earlierTags || r.prefill) { // a prefilled <think>: R1-style traces, but wrapper apps prefill too
        s = Math.max(s, c.systemWeight() * c.tagWeight());
      }
      if (r.systemStrong) {
        s = Math.max(s, newSystem ? 1.0 : c.systemWeight());
      }
      if (r.systemElaborate) {
        s = Math.max(s, newSystem ? c.elaborateWeight() : c.systemWeight() * c.elaborateWeight());
      }
      if (r.systemTags && newSystem) {
        s = Math.max(s, c.tagWeight());
      }
      boolean w = s == 0 && (r.userWeak || (r.systemWeak && newSystem));
      n += 1;
      strong += s;
      weak += w ? 1 : 0;
      total++;
      strongRequests += s > 0 ? 1 : 0;
      weakRequests += w ? 1 : 0;
    }
  }
}
