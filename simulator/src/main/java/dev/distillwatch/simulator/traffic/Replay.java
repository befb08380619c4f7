package dev.distillwatch.simulator.traffic;

import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Level;
import dev.distillwatch.core.Signal;
import dev.distillwatch.core.Verdict;
import dev.distillwatch.detectors.domain.DomainClassifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Replays exchanges through a {@link DistillWatch} pipeline, in the order given, and keeps per
 * account what the verdicts said: its highest score and the signals behind it, when it was first
 * flagged, and its campaign. The pipeline is the host's own, so a replay applies exactly the
 * detection a host gets; the replay adds bookkeeping only.
 *
 * <pre>{@code
 * Replay replay = Replay.using(DistillWatch.builder().defaults().build());
 * reader.read(path, replay::accept, bad -> {});
 * List<AccountSummary> accounts = replay.accounts();  // highest score first
 * }</pre>
 *
 * <p>With a {@linkplain #using(DistillWatch, Function) domain function} the replay also counts
 * each account's requests per capability domain, for the {@code domains} mix of campaign lines.
 * That is reporting only: it never changes a verdict.
 *
 * <p>Memory: one small record per account seen (counts, timestamps, the few signals of its
 * strongest verdict, and its per-domain counts), never the exchanges themselves. Not thread-safe:
 * feed it from one thread, so that the same input gives the same output.
 */
public final class Replay {
  /** How many evidence strings a campaign keeps. */
  private static final int CAMPAIGN_EVIDENCE = 5;

  /** Highest score (as written, 4 decimals) first, then account. */
  private static final Comparator<AccountSummary> ACCOUNT_ORDER =
      Comparator.comparingLong((AccountSummary a) -> -Rounding.tenThousandths(a.score()))
          .thenComparing(AccountSummary::account);

  private final DistillWatch watch;
  private final Function<Exchange, String> domainOf;
  private final Map<String, AccountState> accounts = new HashMap<>();
  private long exchanges;

  private Replay(DistillWatch watch, Function<Exchange, String> domainOf) {
    this.watch = Objects.requireNonNull(watch, "watch");
    this.domainOf = domainOf;
  }

  /**
   * A replay through the given pipeline, which should be fresh (no state from other traffic);
   * campaign lines have no domain mix.
   */
  public static Replay using(DistillWatch watch) {
    return new Replay(watch, null);
  }

  /**
   * A replay through the given pipeline that also counts requests per domain, as named by
   * {@code domainOf} (for example {@link #capabilityDomain()}), for campaign lines.
   */
  public static Replay using(DistillWatch watch, Function<Exchange, String> domainOf) {
    return new Replay(watch, Objects.requireNonNull(domainOf, "domainOf"));
  }

  /**
   * The capability domain ({@code coding}, {@code math}, ...) of an exchange, from the default
   * {@link DomainClassifier}, shared with any detector of the pipeline that classified it already.
   */
  public static Function<Exchange, String> capabilityDomain() {
    return exchange -> exchange.derived(DomainClassifier.DERIVATION).domain().label();
  }

  /** Inspects a record's exchange; its label is not looked at. */
  public Verdict accept(LogRecord record) {
    return accept(record.exchange());
  }

  /**
   * Inspects an exchange and records the verdict for its account.
   *
   * @throws IllegalArgumentException if the exchange has no timestamp: a replay needs the log's
   *     time, not the wall clock's
   */
  public Verdict accept(Exchange exchange) {
    long ts = exchange.timestamp();
    if (ts == Exchange.UNSET_TIMESTAMP) {
      throw new IllegalArgumentException("a replayed exchange needs a timestamp: " + exchange);
    }
    Verdict verdict = watch.inspect(exchange);
    exchanges++;
    AccountState state = accounts.computeIfAbsent(exchange.account(), a -> new AccountState(ts));
    state.record(ts, verdict);
    if (domainOf != null) {
      state.countDomain(domainOf.apply(exchange));
    }
    return verdict;
  }

  /** How many exchanges were replayed. */
  public long exchanges() {
    return exchanges;
  }

  /** The pipeline replayed through. */
  public DistillWatch pipeline() {
    return watch;
  }

  /**
   * One summary per account seen, ordered by score (rounded to 4 decimals, as written) from
   * highest, then by account ({@link String#compareTo}).
   */
  public List<AccountSummary> accounts() {
    List<AccountSummary> out = new ArrayList<>(accounts.size());
    accounts.forEach((account, state) -> out.add(state.summary(account)));
    out.sort(ACCOUNT_ORDER);
    return out;
  }

  /**
   * One summary per campaign id that verdicts assigned an account to (each account counted in the
   * last campaign it was assigned to), ordered by score from highest, then by campaign id.
   */
  public List<CampaignSummary> campaigns() {
    Map<String, List<String>> members = new TreeMap<>();
    accounts.forEach((account, state) -> {
      if (state.campaign != null) {
        members.computeIfAbsent(state.campaign, c -> new ArrayList<>()).add(account);
      }
    });
    List<CampaignSummary> out = new ArrayList<>(members.size());
    members.forEach((campaign, list) -> out.add(campaign(campaign, list)));
    out.sort(Comparator.comparingLong((CampaignSummary c) -> -Rounding.tenThousandths(c.score()))
        .thenComparing(CampaignSummary::campaign));
    return out;
  }

  private CampaignSummary campaign(String campaign, List<String> members) {
    members.sort(Comparator.naturalOrder());
    long requests = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    double score = 0;
    List<Signal> linking = new ArrayList<>();
    Map<String, Long> domainCounts = new TreeMap<>();
    for (String account : members) {
      AccountState s = accounts.get(account);
      requests += s.requests;
      first = Math.min(first, s.firstTs);
      last = Math.max(last, s.lastTs);
      score = Math.max(score, s.maxScore);
      if (s.campaignSignal != null) {
        linking.add(s.campaignSignal);
      }
      if (s.domains != null) {
        s.domains.forEach((d, n) -> domainCounts.merge(d, n, Long::sum));
      }
    }
    linking.sort(Comparator.comparingDouble((Signal s) -> -s.score())
        .thenComparing(Signal::detector).thenComparing(Signal::evidence));
    List<String> evidence = new ArrayList<>(CAMPAIGN_EVIDENCE);
    for (Signal s : linking) {
      String e = s.detector() + ": " + s.evidence();
      if (evidence.size() < CAMPAIGN_EVIDENCE && !evidence.contains(e)) {
        evidence.add(e);
      }
    }
    return new CampaignSummary(campaign, members, requests, first, last, score, shares(domainCounts), evidence);
  }

  /** Shares of the counts, largest first, then by name. */
  private static Map<String, Double> shares(Map<String, Long> counts) {
    long total = 0;
    for (long n : counts.values()) {
      total += n;
    }
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : entries) {
      out.put(e.getKey(), (double) e.getValue() / total);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Replay{exchanges=" + exchanges + ", accounts=" + accounts.size() + "}";
  }

  /** One account's bookkeeping. */
  private static final class AccountState {
    long requests;
    long firstTs;
    long lastTs;
    double maxScore = -1;
    List<Signal> signals = List.of();
    long firstFlaggedTs = Exchange.UNSET_TIMESTAMP;
    long firstFlaggedRequest;
    String campaign;
    /** The strongest signal that named the account's current campaign. */
    Signal campaignSignal;
    /** Requests per domain, when the replay counts domains. */
    Map<String, Long> domains;

    AccountState(long ts) {
      firstTs = ts;
      lastTs = ts;
    }

    void record(long ts, Verdict verdict) {
      requests++;
      firstTs = Math.min(firstTs, ts);
      lastTs = Math.max(lastTs, ts);
      if (verdict.score() >= maxScore) { // the latest of equal maxima: its evidence is the most complete
        maxScore = verdict.score();
        signals = verdict.signals();
      }
      if (firstFlaggedRequest == 0 && verdict.level().atLeast(Level.FLAG)) {
        firstFlaggedRequest = requests;
        firstFlaggedTs = ts;
      }
      String c = verdict.campaign().orElse(null);
      if (c != null) {
        if (!c.equals(campaign)) {
          campaign = c;
          campaignSignal = null;
        }
        for (Signal s : verdict.signals()) {
          if (c.equals(s.campaign())) {
            if (campaignSignal == null || s.score() > campaignSignal.score()) {
              campaignSignal = s;
            }
            break;
          }
        }
      }
    }

    void countDomain(String domain) {
      if (domain != null) {
        if (domains == null) {
          domains = new HashMap<>(4);
        }
        domains.merge(domain, 1L, Long::sum);
      }
    }

    AccountSummary summary(String account) {
      return new AccountSummary(account, firstFlaggedRequest > 0, Math.max(0, maxScore), requests,
          firstFlaggedTs, firstFlaggedRequest, campaign, signals, firstTs, lastTs);
    }
  }
}
