package dev.distillwatch.detectors.parameters;

import static dev.distillwatch.detectors.UnitInterval.clamp;

import com.github.benmanes.caffeine.cache.Cache;
import dev.distillwatch.core.Detector;
import dev.distillwatch.detectors.AccountTable;
import dev.distillwatch.detectors.Bounded;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.text.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * API-parameter probing: requests whose parameters read the model's distribution rather than its
 * answers, or match the decoding of known data-generation recipes ({@link ProbeFlag}), and
 * parameter fingerprints that are rare in the population yet shared by many accounts.
 *
 * <p>Per request, the {@linkplain #flagsOf flags} and a {@linkplain #fingerprint fingerprint}: a
 * 64-bit hash of the parameter key set with bucketed values (numbers below 16 exactly, larger
 * integers by power of two, fractions to 0.1; lists and maps by size), combined order-free so no
 * key is sorted on the request path. Per account, decayed counts of requests and of the probing
 * strength (the largest weight of the request's flags); after
 * {@link ParameterConfig#minimumRequests()} requests, the share maps linearly from a floor to a
 * saturation onto [0, {@link ParameterConfig#maximumScore()}].
 *
 * <p>Population: a table of at most {@link ParameterConfig#maximumFingerprints()} fingerprints
 * (Caffeine, frequency-aware eviction), each with its request count and up to
 * {@link ParameterConfig#accountsPerFingerprint()} distinct seeded account hashes. A fingerprint
 * sent by at least {@link ParameterConfig#sharedAccounts()} accounts but carried by at most
 * {@link ParameterConfig#rareShare()} of the population's requests is <em>shared-rare</em>: the
 * tooling of a campaign spread over many accounts, or a niche third-party app. Its score is low
 * ({@link ParameterConfig#sharedFingerprintScore()}) and combines with the probing score as a
 * noisy-OR.
 *
 * <p>Memory: one small record per account (at most {@link Settings#maximumAccounts()}) plus the
 * fingerprint table (~10,000 x 300 bytes by default).
 */
public final class ParameterProbingDetector implements Detector {
  /** This detector's name in signals and settings. */
  public static final String NAME = "parameters";

  private static final ProbeFlag[] FLAGS = ProbeFlag.values();

  private final ParameterConfig config;
  private final long seed;
  private final AccountTable.Slot<Account> accounts;
  private final Cache<Long, Fingerprint> fingerprints;
  private final LongAdder population = new LongAdder();

  private ParameterProbingDetector(ParameterConfig config, Settings settings, AccountTable table) {
    this.config = config;
    this.seed = settings.seed();
    this.accounts = table.slot(e -> new Account(e.timestamp()));
    this.fingerprints = Bounded.ofSize(config.maximumFingerprints());
  }

  /** A parameter-probing detector with the given configuration. */
  public static ParameterProbingDetector create(ParameterConfig config, Settings settings) {
    return create(config, settings, AccountTable.create(settings));
  }

  /**
   * A parameter-probing detector keeping its per-account state in a slot of {@code accounts}, a table shared with
   * the other detectors of a suite (one account look-up per request for all of them).
   */
  public static ParameterProbingDetector create(ParameterConfig config, Settings settings, AccountTable accounts) {
    return new ParameterProbingDetector(config, settings, accounts);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The probing flags of one request's parameters, as a bit set over {@link ProbeFlag} ordinals. */
  public static int flagsOf(Parameters p, ParameterConfig c) {
    int flags = 0;
    boolean logprobs = p.logprobs() || p.topLogprobs().isPresent();
    if (logprobs && p.maxTokens().isPresent() && p.maxTokens().getAsInt() <= c.logprobsMaxTokens()) {
      flags |= 1 << ProbeFlag.LOGPROBS_SHORT.ordinal();
    }
    int bias = p.logitBiasSize();
    if (bias >= c.wideLogitBiasEntries() || (bias >= c.extremeBiasEntries() && extremeBiases(p, c) >= c.extremeBiasEntries())) {
      flags |= 1 << ProbeFlag.WIDE_LOGIT_BIAS.ordinal();
    }
    if (p.topLogprobs().isPresent() && p.topLogprobs().getAsInt() >= c.topLogprobsMax()) {
      flags |= 1 << ProbeFlag.TOP_LOGPROBS_MAX.ordinal();
    }
    if (p.n().isPresent() && p.n().getAsInt() > 1 && p.temperature().orElse(1.0) >= c.samplingTemperature()) {
      flags |= 1 << ProbeFlag.N_SAMPLES.ordinal();
    }
    if (recipeDecoding(p)) {
      flags |= 1 << ProbeFlag.RECIPE_DECODING.ordinal();
    }
    return flags;
  }

  private static int extremeBiases(Parameters p, ParameterConfig c) {
    Object lb = p.raw().get("logit_bias");
    if (!(lb instanceof Map)) {
      return 0;
    }
    int n = 0;
    for (Object v : ((Map<?, ?>) lb).values()) {
      if (v instanceof Number && Math.abs(((Number) v).doubleValue()) >= c.extremeBias()) {
        n++;
      }
    }
    return n;
  }

  /**
   * Numeric list terminators as stop sequences ({@code "\n20"}, {@code "20."}, {@code "16 ."}:
   * Alpaca's and self-instruct's), or self-instruct's {@code presence_penalty} 2 with
   * {@code top_p} 0.5.
   */
  static boolean recipeDecoding(Parameters p) {
    List<String> stop = p.stop();
    for (int i = 0; i < stop.size(); i++) {
      if (listTerminator(stop.get(i))) {
        return true;
      }
    }
    Object pp = p.raw().get("presence_penalty");
    return pp instanceof Number && ((Number) pp).doubleValue() >= 1.99
        && p.topP().isPresent() && Math.abs(p.topP().getAsDouble() - 0.5) < 1e-9;
  }

  private static boolean listTerminator(String s) {
    int i = 0;
    int end = s.length();
    boolean newline = false;
    while (i < end && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
      newline = true;
      i++;
    }
    int digits = 0;
    int number = 0;
    while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      number = number * 10 + (s.charAt(i) - '0');
      digits++;
      i++;
    }
    if (digits == 0 || digits > 3) {
      return false;
    }
    if (i < end && s.charAt(i) == ' ') {
      i++;
    }
    boolean dot = false;
    if (i < end && (s.charAt(i) == '.' || s.charAt(i) == ':' || s.charAt(i) == ')')) {
      dot = true;
      i++;
    }
    if (i != end || !(newline || dot)) {
      return false;
    }
    return number >= 10; // "\n2." stops a two-item answer; "\n20" ends a generated list of 19
  }

  /**
   * A 64-bit fingerprint of the parameters: keys with bucketed values, combined order-free.
   * Unseeded (the table holds it in memory only).
   */
  public static long fingerprint(Parameters p) {
    long h = 0x2545F4914F6CDD1DL;
    for (Map.Entry<String, Object> e : p.raw().entrySet()) {
      h += mix(e.getKey().hashCode() * 0x9E3779B97F4A7C15L + bucket(e.getValue()));
    }
    return mix(h + p.raw().size());
  }

  private static long bucket(Object v) {
    if (v == null) {
      return 1;
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? 2 : 3;
    }
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return 4;
      }
      if (d == Math.rint(d) && Math.abs(d) >= 16) {
        long l = (long) Math.abs(d);
        return (d < 0 ? 0x500 : 0x600) + (63 - Long.numberOfLeadingZeros(l));
      }
      return 0x1000 + Math.round(d * 10);
    }
    if (v instanceof String) {
      return 0x7000_0000L + ((String) v).hashCode();
    }
    if (v instanceof List) {
      return 0x8000 + Math.min(((List<?>) v).size(), 64);
    }
    if (v instanceof Map) {
      int n = ((Map<?, ?>) v).size();
      return 0x9000 + (n == 0 ? 0 : 1 + 31 - Integer.numberOfLeadingZeros(n));
    }
    return 0xA000;
  }

  @Override
  public Signal inspect(Exchange exchange) {
    long now = exchange.timestamp();
    Parameters p = exchange.parameters();
    int flags = flagsOf(p, config);
    double strength = 0;
    for (ProbeFlag f : FLAGS) {
      if ((flags & (1 << f.ordinal())) != 0) {
        strength = Math.max(strength, config.weight(f));
      }
    }
    final double s = strength;
    Account account = accounts.of(exchange);
    account.record(now, s, flags, config.timeConstantMillis());
    Shared shared = p.raw().isEmpty() ? null : recordFingerprint(p, exchange.account());

    double probeScore = 0;
    String probeEvidence = null;
    synchronized (account) {
      account.decayTo(now, config.timeConstantMillis());
      if (account.total >= config.minimumRequests() && account.probing > 0) {
        double share = account.strength / (account.n + config.priorRequests());
        probeScore = config.maximumScore() * clamp((share - config.floor()) / (config.saturation() - config.floor()));
        if (probeScore > 0) {
          probeEvidence = probeEvidence(account, share);
        }
      }
    }
    double sharedScore = shared == null ? 0 : config.sharedFingerprintScore();
    double score = probeScore + sharedScore * (1.0 - probeScore);
    if (!(score > 0)) {
      return Signal.none(NAME);
    }
    String evidence = probeEvidence == null ? shared.evidence()
        : shared == null ? probeEvidence : probeEvidence + "; " + shared.evidence();
    return Signal.of(NAME, Math.min(1.0, score), evidence);
  }

  private String probeEvidence(Account a, double share) {
    StringBuilder b = new StringBuilder(96);
    b.append("parameter probing in ").append(a.probing).append(" of ").append(a.total).append(" requests (")
        .append(Evidence.percent(a.probing, a.total)).append("%)");
    String sep = ": ";
    for (ProbeFlag f : FLAGS) {
      long c = a.flagCounts[f.ordinal()];
      if (c > 0) {
        b.append(sep);
        if (f == ProbeFlag.LOGPROBS_SHORT) {
          b.append("logprobs with max_tokens<=").append(config.logprobsMaxTokens());
        } else {
          b.append(f.label());
        }
        b.append(' ').append(c);
        sep = ", ";
      }
    }
    b.append("; decayed share ");
    return Evidence.twoDecimals(b, share).toString();
  }

  /** Records the request's fingerprint; returns what to report if it is shared-rare, else null. */
  private Shared recordFingerprint(Parameters p, String accountName) {
    population.increment();
    long fp = fingerprint(p);
    long accountHash = accountHash(accountName);
    Fingerprint f = fingerprints.get(fp, k -> new Fingerprint(config.accountsPerFingerprint()));
    f.record(accountHash);
    long total = population.sum();
    if (total < config.minimumPopulation()) {
      return null;
    }
    int distinct = f.distinct;
    long requests = f.requests.sum();
    double share = (double) requests / total;
    if (distinct >= config.sharedAccounts() && share <= config.rareShare()) {
      return new Shared(distinct, share, distinct >= config.accountsPerFingerprint());
    }
    return null;
  }

  private long accountHash(String account) {
    long h = seed ^ 0xCBF29CE484222325L;
    for (int i = 0; i < account.length(); i++) {
      h = (h ^ account.charAt(i)) * 0x100000001B3L;
    }
    return mix(h);
  }

  /**
   * The fingerprints that are shared-rare now (sent by at least
   * {@link ParameterConfig#sharedAccounts()} accounts, at most {@link ParameterConfig#rareShare()}
   * of the population's requests), most accounts first: for analysts and reports, not for the
   * request path (it walks the whole table). Empty until the population reaches
   * {@link ParameterConfig#minimumPopulation()} requests.
   */
  public List<SharedFingerprint> sharedFingerprints() {
    long total = population.sum();
    List<SharedFingerprint> out = new ArrayList<>();
    if (total < config.minimumPopulation()) {
      return out;
    }
    fingerprints.asMap().forEach((fp, f) -> {
      int distinct = f.distinct;
      long requests = f.requests.sum();
      if (distinct >= config.sharedAccounts() && (double) requests / total <= config.rareShare()) {
        out.add(new SharedFingerprint(fp, distinct, distinct >= config.accountsPerFingerprint(), requests,
            (double) requests / total));
      }
    });
    out.sort(Comparator.comparingInt(SharedFingerprint::accounts).reversed()
        .thenComparing(Comparator.comparingLong(SharedFingerprint::requests).reversed())
        .thenComparingLong(SharedFingerprint::fingerprint));
    return out;
  }

  /**
   * A parameter fingerprint shared by many accounts yet rare in the population.
   *
   * @param fingerprint the fingerprint ({@link #fingerprint(Parameters)})
   * @param accounts how many distinct accounts sent it, capped at
   *     {@link ParameterConfig#accountsPerFingerprint()}
   * @param atLeast whether {@code accounts} hit that cap (the true number may be larger)
   * @param requests how many requests carried it
   * @param populationShare its share of the population's requests
   */
  public record SharedFingerprint(long fingerprint, int accounts, boolean atLeast, long requests,
      double populationShare) {}

  /** How many accounts this detector holds state for now. */
  long trackedAccounts() {
    return accounts.trackedAccounts();
  }

  /** How many fingerprints the population table holds now. */
  long trackedFingerprints() {
    fingerprints.cleanUp();
    return fingerprints.estimatedSize();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static final class Shared {
    final int accounts;
    final double share;
    final boolean atLeast;

    Shared(int accounts, double share, boolean atLeast) {
      this.accounts = accounts;
      this.share = share;
      this.atLeast = atLeast;
    }

    String evidence() {
      StringBuilder b = new StringBuilder(80).append("parameter fingerprint shared by ")
          .append(atLeast ? ">=" : "").append(accounts).append(" accounts, ");
      return Evidence.twoDecimals(b, 100.0 * share).append("% of population requests").toString();
    }
  }

  /**
   * One fingerprint's request count and up to a fixed number of distinct account hashes. The
   * common path takes no lock: the count is a {@link LongAdder}, and once the account set is full
   * (as it soon is for popular fingerprints) nothing else is written.
   */
  private static final class Fingerprint {
    final long[] accounts;
    final LongAdder requests = new LongAdder();
    volatile int distinct;

    Fingerprint(int capacity) {
      this.accounts = new long[capacity];
    }

    void record(long accountHash) {
      requests.increment();
      int d = distinct;
      if (d == accounts.length) {
        return;
      }
      for (int i = 0; i < d; i++) {
        if (accounts[i] == accountHash) {
          return;
        }
      }
      synchronized (this) {
        int now = distinct;
        for (int i = d; i < now; i++) {
          if (accounts[i] == accountHash) {
            return;
          }
        }
        if (now < accounts.length) {
          accounts[now] = accountHash;
          distinct = now + 1; // volatile write publishes the slot
        }
      }
    }
  }

  private static final class Account {
    long last;
    double n;
    double strength;
    long total;
    long probing;
    final long[] flagCounts = new long[FLAGS.length];

    Account(long now) {
      this.last = now;
    }

    synchronized void decayTo(long now, long tau) {
      long dt = now - last;
      if (dt > 0) {
        double f = Math.exp(-(double) dt / tau);
        n *= f;
        strength *= f;
        last = now;
      }
    }

    synchronized void record(long now, double s, int flags, long tau) {
      decayTo(now, tau);
      n += 1;
      strength += s;
      total++;
      if (s > 0) {
        probing++;
      }
      for (int i = 0; i < flagCounts.length; i++) {
        if ((flags & (1 << i)) != 0) {
          flagCounts[i]++;
        }
      }
    }
  }
}
