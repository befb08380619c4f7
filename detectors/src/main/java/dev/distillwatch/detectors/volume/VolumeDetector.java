package dev.distillwatch.detectors.volume;

import dev.distillwatch.core.Detector;
import dev.distillwatch.detectors.AccountTable;
import dev.distillwatch.detectors.text.Evidence;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import java.util.Locale;

/**
 * Compares an account's request rate with the population's.
 *
 * <p>Per account it keeps two exponentially decayed request counts (time constants of a day and
 * an hour), which estimate requests per day and per hour in fixed memory. For a young account
 * the estimate is bias-corrected by its age (as Adam corrects its moment estimates), so a new
 * account that ramps up fast is seen at once rather than after a day. The population's
 * distribution of completed account-days and account-hours lives in two KLL quantile sketches;
 * an account is compared with the population's {@linkplain VolumeConfig#referenceQuantile()
 * reference quantile}, never less than a configured floor.
 *
 * <p>The score grows with the logarithm of the ratio above the reference and saturates at
 * {@link VolumeConfig#maximumScore()}, below the FLAG threshold by default: paying customers
 * (wrapper apps, batch pipelines, agents) send volume too, so volume alone is context for the
 * other detectors, never a verdict.
 *
 * <p>Memory: one small record per account, at most {@link Settings#maximumAccounts()} of them
 * (least valuable evicted by Caffeine), plus two fixed-size sketches.
 */
public final class VolumeDetector implements Detector {
  /** This detector's name in signals and settings. */
  public static final String NAME = "volume";

  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;

  private final VolumeConfig config;
  private final String percentile;
  private final AccountTable.Slot<AccountRate> accounts;
  private final PopulationQuantile days;
  private final PopulationQuantile hours;

  private VolumeDetector(VolumeConfig config, Settings settings, AccountTable table) {
    this.config = config;
    this.percentile = percentile(config.referenceQuantile());
    this.accounts = table.slot(e -> new AccountRate(e.timestamp()));
    this.days = new PopulationQuantile(config.referenceQuantile(), 64);
    this.hours = new PopulationQuantile(config.referenceQuantile(), 256);
  }

  /** A volume detector with the given configuration. */
  public static VolumeDetector create(VolumeConfig config, Settings settings) {
    return create(config, settings, AccountTable.create(settings));
  }

  /**
   * A volume detector keeping its per-account state in a slot of {@code accounts}, a table shared with
   * the other detectors of a suite (one account look-up per request for all of them).
   */
  public static VolumeDetector create(VolumeConfig config, Settings settings, AccountTable accounts) {
    return new VolumeDetector(config, settings, accounts);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Signal inspect(Exchange exchange) {
    long now = exchange.timestamp();
    AccountRate rate = accounts.of(exchange);
    rate.record(now, days, hours);
    double perDay;
    double perHour;
    long ageMillis;
    long total;
    synchronized (rate) {
      perDay = rate.perDay(now);
      perHour = rate.perHour(now);
      ageMillis = Math.max(0, now - rate.firstSeen);
      total = rate.total;
    }
    double dayRef = reference(days, config.minimumPerDay());
    double hourRef = reference(hours, config.minimumPerHour());
    double dayRatio = perDay / dayRef;
    double hourRatio = perHour / hourRef;
    double ratio = Math.max(dayRatio, hourRatio);
    if (ratio <= 1.0) {
      return Signal.none(NAME);
    }
    double score = config.maximumScore() * Math.min(1.0, Math.log(ratio) / Math.log(config.saturationRatio()));
    boolean byDay = dayRatio >= hourRatio;
    // Built by hand: evidence is made on the request path, and String.format costs microseconds.
    StringBuilder evidence = new StringBuilder(96)
        .append(Math.round(byDay ? perDay : perHour)).append(byDay ? " requests/day, " : " requests/hour, ");
    Evidence.twoDecimals(evidence, ratio).append("x the population's p").append(percentile)
        .append(" of ").append(Math.round(byDay ? dayRef : hourRef))
        .append("; ").append(total).append(" requests in ");
    age(evidence, ageMillis);
    return Signal.of(NAME, score, evidence.toString());
  }

  /** How many accounts this detector holds state for now (at most the configured maximum). */
  long trackedAccounts() {
    return accounts.trackedAccounts();
  }

  private static double reference(PopulationQuantile population, double floor) {
    double q = population.quantile();
    return Double.isNaN(q) ? floor : Math.max(q, floor);
  }

  /** The reference quantile as a percentile label: 0.999 gives "99.9", 0.99 gives "99". */
  private static String percentile(double q) {
    String s = String.format(Locale.ROOT, "%.1f", q * 100);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static void age(StringBuilder b, long millis) {
    if (millis < HOUR) {
      b.append(millis / 60_000).append(" min");
    } else if (millis < 2 * DAY) {
      b.append(millis / HOUR).append(" h");
    } else {
      b.append(millis / DAY).append(" days");
    }
  }

  /**
   * One account's decayed counts and its current day and hour buckets. Mutated only inside the
   * cache's per-key compute; read under its own monitor.
   */
  private static final class AccountRate {
    final long firstSeen;
    long lastSeen;
    long total;
    double dayCount;
    double hourCount;
    long dayBucket;
    long hourBucket;
    int inDay;
    int inHour;

    AccountRate(long now) {
      firstSeen = now;
      lastSeen = now;
      dayBucket = Math.floorDiv(now, DAY);
      hourBucket = Math.floorDiv(now, HOUR);
    }

    synchronized void record(long now, PopulationQuantile days, PopulationQuantile hours) {
      long dt = Math.max(0, now - lastSeen); // small disorder: no negative decay
      dayCount = dayCount * Math.exp(-(double) dt / DAY) + 1;
      hourCount = hourCount * Math.exp(-(double) dt / HOUR) + 1;
      lastSeen = Math.max(lastSeen, now);
      total++;
      long d = Math.floorDiv(now, DAY);
      if (d > dayBucket) {
        days.update(inDay);
        dayBucket = d;
        inDay = 0;
      }
      inDay++;
      long h = Math.floorDiv(now, HOUR);
      if (h > hourBucket) {
        hours.update(inHour);
        hourBucket = h;
        inHour = 0;
      }
      inHour++;
    }

    /** Requests per day: a conservative, age-corrected estimate (see {@link #estimate}). */
    double perDay(long now) {
      return estimate(dayCount, now, DAY);
    }

    double perHour(long now) {
      return estimate(hourCount, now, HOUR);
    }

    /**
     * A rate from a decayed count {@code n} with time constant {@code tau}. The count is first
     * lowered to the lower edge of its Poisson spread, {@code n - 2 sqrt(n)}, so that a handful
     * of requests is never extrapolated into a high rate; then divided by the share of a steady
     * rate's decayed sum that an account of this age has accumulated, {@code 1 - exp(-age/tau)}
     * (the bias correction), with the age counted from {@code tau / 12}.
     */
    private double estimate(double n, long now, long tau) {
      double lower = Math.max(0.0, n - 2.0 * Math.sqrt(n));
      double age = Math.max(tau / 12.0, now - firstSeen);
      return lower / -Math.expm1(-age / tau);
    }
  }
}
