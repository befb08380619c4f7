package dev.distillwatch.detectors.domain;

import com.github.benmanes.caffeine.cache.Cache;
import dev.distillwatch.core.Detector;
import dev.distillwatch.detectors.Bounded;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import java.util.Locale;

/**
 * Domain focus: how much of an account's recent traffic falls in the domains extraction campaigns
 * target (coding, math, reasoning, agentic by default), against the population's mix.
 *
 * <p>Each request is classified once per exchange through the classifier's shared
 * {@linkplain DomainClassifier#derivation() derivation}. Per account the detector keeps eight
 * time-decayed counts (one per domain) and a request total; the population keeps eight decayed
 * counts ({@link PopulationMix}), to which one account contributes at most
 * {@link DomainConfig#populationShareCap()} requests' worth, so a heavy account cannot make its
 * own mix the norm.
 *
 * <p>Score, conservative by design: zero until the account has sent
 * {@link DomainConfig#minimumRequests()} requests and the population holds 100; zero unless at
 * least {@link DomainConfig#minimumConcentration()} of its recent requests are in target
 * domains; then {@code maximumScore * excess * min(1, JS / divergenceSaturation) * ramp}, where
 * {@code excess} is how far the account's target share goes beyond the population's, towards
 * 100%; {@code JS} is the Jensen-Shannon divergence (bits) of the two eight-domain mixes; and
 * {@code ramp} grows to 1 at twice the minimum request count. The cap (0.4 by default) keeps a
 * developer who asks only coding questions below WATCH: focus is context for other signals.
 *
 * <p>Memory: one 8-double record per account, at most {@link Settings#maximumAccounts()} of them
 * (Caffeine evicts the rest), plus the population's 64 doubles.
 */
public final class DomainDetector implements Detector {
  /** This detector's name in signals and settings. */
  public static final String NAME = "domain";

  static final double MINIMUM_POPULATION = 100;

  private final DomainConfig config;
  private final Cache<String, AccountMix> accounts;
  private final PopulationMix population;
  private final double decayPerMilli;
  private final boolean[] target = new boolean[Domain.COUNT];
  private final String targetLabel;

  private DomainDetector(DomainConfig config, Settings settings) {
    this.config = config;
    this.accounts = Bounded.perAccount(settings);
    this.decayPerMilli = Math.log(2) / config.halfLife().toMillis();
    this.population = new PopulationMix(decayPerMilli);
    StringBuilder label = new StringBuilder();
    for (Domain d : config.targetDomains()) {
      target[d.ordinal()] = true;
      label.append(label.length() == 0 ? "" : "/").append(d.label());
    }
    this.targetLabel = label.toString();
  }

  /** A domain detector with the given configuration. */
  public static DomainDetector create(DomainConfig config, Settings settings) {
    return new DomainDetector(config, settings);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Signal inspect(Exchange exchange) {
    DomainClassification c = exchange.derived(config.classifier().derivation());
    int d = c.domain().ordinal();
    long now = exchange.timestamp() == Exchange.UNSET_TIMESTAMP ? 0 : exchange.timestamp();
    String account = exchange.account();
    AccountMix mix = accounts.asMap().compute(account, (k, m) -> {
      AccountMix a = m == null ? new AccountMix(now) : m;
      a.record(now, d, decayPerMilli);
      return a;
    });
    double[] p = new double[Domain.COUNT];
    double n;
    long total;
    synchronized (mix) {
      n = mix.counts(now, decayPerMilli, p);
      total = mix.total;
    }
    population.add(d, Math.min(1.0, config.populationShareCap() / Math.max(1.0, n)), now,
        account.hashCode());
    if (total < config.minimumRequests()) {
      return Signal.none(NAME);
    }
    double accountTarget = 0;
    for (int k = 0; k < Domain.COUNT; k++) {
      if (target[k]) {
        accountTarget += p[k];
      }
    }
    double share = accountTarget / n;
    if (share < config.minimumConcentration()) {
      return Signal.none(NAME);
    }
    double[] q = new double[Domain.COUNT];
    double m = population.counts(now, q);
    if (m < MINIMUM_POPULATION) {
      return Signal.none(NAME);
    }
    double populationTarget = 0;
    for (int k = 0; k < Domain.COUNT; k++) {
      if (target[k]) {
        populationTarget += q[k];
      }
    }
    double populationShare = populationTarget / m;
    double js = jensenShannon(p, n, q, m);
    double excess = populationShare >= 1 ? 0
        : Math.max(0, Math.min(1, (share - populationShare) / (1 - populationShare)));
    double ramp = Math.min(1.0, total / (2.0 * config.minimumRequests()));
    double score = config.maximumScore() * excess * Math.min(1.0, js / config.divergenceSaturation()) * ramp;
    if (!(score > 0)) {
      return Signal.none(NAME);
    }
    int top = 0;
    for (int k = 1; k < Domain.COUNT; k++) {
      if (p[k] > p[top]) {
        top = k;
      }
    }
    String evidence = String.format(Locale.ROOT,
        "%.0f of %.0f recent requests %s (%.0f%% vs population %.0f%%), top %s %.0f%%,"
            + " JS divergence %.2f bits; %d requests seen",
        accountTarget, n, targetLabel, 100 * share, 100 * populationShare,
        Domain.of(top).label(), 100 * p[top] / n, js, total);
    return Signal.of(NAME, Math.min(1.0, score), evidence);
  }

  /** Jensen-Shannon divergence in bits of two count vectors with sums {@code n} and {@code m}. */
  static double jensenShannon(double[] p, double n, double[] q, double m) {
    double js = 0;
    for (int k = 0; k < p.length; k++) {
      double a = p[k] / n;
      double b = q[k] / m;
      double mid = 0.5 * (a + b);
      if (a > 0) {
        js += 0.5 * a * Math.log(a / mid);
      }
      if (b > 0) {
        js += 0.5 * b * Math.log(b / mid);
      }
    }
    return Math.max(0, Math.min(1, js / Math.log(2)));
  }

  /** How many accounts this detector holds state for now (at most the configured maximum). */
  long trackedAccounts() {
    accounts.cleanUp();
    return accounts.estimatedSize();
  }

  public DomainConfig config() {
    return config;
  }

  /** One account's decayed counts per domain. Mutated inside the cache's per-key compute. */
  private static final class AccountMix {
    final double[] counts = new double[Domain.COUNT];
    long last;
    long total;

    AccountMix(long now) {
      last = now;
    }

    synchronized void record(long now, int d, double decayPerMilli) {
      if (now > last) {
        double f = Math.exp(-(now - last) * decayPerMilli);
        for (int k = 0; k < counts.length; k++) {
          counts[k] *= f;
        }
        last = now;
      }
      counts[d] += 1;
      total++;
    }

    /** The counts decayed to {@code now} into {@code out}; returns their sum. */
    double counts(long now, double decayPerMilli, double[] out) {
      double f = now > last ? Math.exp(-(now - last) * decayPerMilli) : 1.0;
      double sum = 0;
      for (int k = 0; k < counts.length; k++) {
        out[k] = counts[k] * f;
        sum += out[k];
      }
      return sum;
    }
  }
}
