package dev.distillwatch.detectors.recipe;

import static dev.distillwatch.detectors.UnitInterval.clamp;

import dev.distillwatch.core.Detector;
import dev.distillwatch.detectors.AccountTable;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.text.Evidence;
import dev.distillwatch.detectors.text.PhraseScan;

/**
 * Prompts of known synthetic-data recipes: self-instruct and Alpaca generation meta-prompts,
 * Evol-Instruct rewriting, Orca-style explanation-tuning system messages, and judge / rubric /
 * grader prompts.
 *
 * <p>Per request, which {@link Recipe}s the shared {@link PhraseScan} found (system prompt and
 * user messages alike: unlike a wrapper app's "think step by step", these texts are the
 * generators' own and each request that carries one is a generation request). Per account,
 * exponentially decayed counts of requests and of requests per recipe; after
 * {@link RecipeConfig#minimumRequests()} requests, each recipe's share (with
 * {@link RecipeConfig#priorRequests()} pseudo-requests in the denominator) maps linearly from
 * {@link RecipeConfig#floor()} to {@link RecipeConfig#saturation()} onto [0,
 * {@link RecipeConfig#maximumScore(Recipe)}], and the account's score is the highest. Judge
 * prompts are capped low by default: evaluation teams run them in bulk for benign reasons.
 *
 * <p>Memory: one small record per account, at most {@link Settings#maximumAccounts()} of them.
 */
public final class RecipeDetector implements Detector {
  /** This detector's name in signals and settings. */
  public static final String NAME = "recipe";

  private static final Recipe[] RECIPES = Recipe.values();

  private final RecipeConfig config;
  private final AccountTable.Slot<Account> accounts;

  private RecipeDetector(RecipeConfig config, Settings settings, AccountTable table) {
    this.config = config;
    this.accounts = table.slot(e -> new Account(e.timestamp()));
  }

  /** A recipe detector with the given configuration. */
  public static RecipeDetector create(RecipeConfig config, Settings settings) {
    return create(config, settings, AccountTable.create(settings));
  }

  /**
   * A recipe detector keeping its per-account state in a slot of {@code accounts}, a table shared with
   * the other detectors of a suite (one account look-up per request for all of them).
   */
  public static RecipeDetector create(RecipeConfig config, Settings settings, AccountTable accounts) {
    return new RecipeDetector(config, settings, accounts);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The recipes found in one exchange, as a bit set over {@link Recipe} ordinals. */
  static int recipesOf(PhraseScan scan) {
    int found = 0;
    for (Recipe r : RECIPES) {
      if (scan.total(r.phrases()) > 0) {
        found |= 1 << r.ordinal();
      }
    }
    return found;
  }

  @Override
  public Signal inspect(Exchange exchange) {
    long now = exchange.timestamp();
    int found = recipesOf(exchange.derived(config.phrases().derivation()));
    Account account = accounts.of(exchange);
    account.record(now, found, config.timeConstantMillis());
    double best = 0;
    Recipe which = null;
    double share = 0;
    long count = 0;
    long total;
    synchronized (account) {
      account.decayTo(now, config.timeConstantMillis());
      total = account.total;
      if (total < config.minimumRequests()) {
        return Signal.none(NAME);
      }
      double denominator = account.n + config.priorRequests();
      for (Recipe r : RECIPES) {
        double s = account.decayed[r.ordinal()] / denominator;
        double score = config.maximumScore(r) * clamp((s - config.floor()) / (config.saturation() - config.floor()));
        if (score > best) {
          best = score;
          which = r;
          share = s;
          count = account.counts[r.ordinal()];
        }
      }
    }
    if (which == null) {
      return Signal.none(NAME);
    }
    StringBuilder evidence = new StringBuilder(96)
        .append(which.label()).append(" recipe in ").append(count).append(" of ").append(total)
        .append(" requests (").append(Evidence.percent(count, total)).append("%); decayed share ");
    Evidence.twoDecimals(evidence, share);
    return Signal.of(NAME, Math.min(1.0, best), evidence.toString());
  }

  /** How many accounts this detector holds state for now. */
  long trackedAccounts() {
    return accounts.trackedAccounts();
  }

  private static final class Account {
    long last;
    double n;
    long total;
    final double[] decayed = new double[RECIPES.length];
    final long[] counts = new long[RECIPES.length];

    Account(long now) {
      this.last = now;
    }

    synchronized void decayTo(long now, long tau) {
      long dt = now - last;
      if (dt > 0) {
        double f = Math.exp(-(double) dt / tau);
        n *= f;
        for (int i = 0; i < decayed.length; i++) {
          decayed[i] *= f;
        }
        last = now;
      }
    }

    synchronized void record(long now, int found, long tau) {
      decayTo(now, tau);
      n += 1;
      total++;
      for (int i = 0; i < decayed.length; i++) {
        if ((found & (1 << i)) != 0) {
          decayed[i] += 1;
          counts[i]++;
        }
      }
    }
  }
}
