package dev.distillwatch.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The detection pipeline a host calls on its request path.
 *
 * <pre>{@code
 * DistillWatch watch = DistillWatch.builder()
 *     .defaults()                  // the recommended detectors and thresholds
 *     .maximumAccounts(2_000_000)  // bounded memory
 *     .seed(deploymentSecret)      // outsiders cannot craft hash collisions
 *     .build();
 *
 * Verdict verdict = watch.inspect(exchange);   // microseconds, never throws
 * if (verdict.level().atLeast(Level.FLAG)) { ... }
 * }</pre>
 *
 * <h2>Score fusion</h2>
 *
 * Each detector returns a score {@code s_i} in [0, 1], its belief from its own evidence alone
 * that the account is extracting. With a weight {@code w_i} in [0, 1] per detector (1 unless
 * configured), the fused score is the noisy-OR
 *
 * <pre>  score = 1 - (1 - w_1 s_1)(1 - w_2 s_2) ... (1 - w_n s_n)</pre>
 *
 * which is 0 when no detector sees anything, never below the strongest weighted signal, and
 * rises as independent detectors agree. {@link Thresholds} map it to a {@link Level}. The
 * verdict's campaign is that of the strongest signal that names one.
 *
 * <h2>Failures</h2>
 *
 * {@code inspect} never throws: a detector that throws is isolated, counted in {@link #stats()},
 * logged once through {@link System.Logger}, and the verdict is marked partial. With
 * {@link FailureMode#OPEN} (the default) the verdict fuses the other detectors; with
 * {@link FailureMode#CLOSED} it is raised to {@link Level#BLOCK}.
 *
 * <p>Thread-safe: {@code inspect} may be called from many threads at once; the pipeline itself
 * takes no lock.
 */
public final class DistillWatch {
  private static final System.Logger LOG = System.getLogger(DistillWatch.class.getName());
  private static final String PIPELINE = "pipeline";

  private final Detector[] detectors;
  private final double[] weights;
  private final Thresholds thresholds;
  private final FailureMode failureMode;
  private final Settings settings;
  private final LongAdder inspected = new LongAdder();
  private final LongAdder partial = new LongAdder();
  private final LongAdder[] failures;
  private final AtomicBoolean[] logged;
  private final LongAdder pipelineFailures = new LongAdder();
  private final AtomicBoolean pipelineLogged = new AtomicBoolean();

  private DistillWatch(Builder b, List<Detector> detectors, Map<String, Double> weights, Thresholds thresholds) {
    this.detectors = detectors.toArray(new Detector[0]);
    this.weights = new double[this.detectors.length];
    this.failures = new LongAdder[this.detectors.length];
    this.logged = new AtomicBoolean[this.detectors.length];
    for (int i = 0; i < this.detectors.length; i++) {
      this.weights[i] = weights.getOrDefault(this.detectors[i].name(), 1.0);
      this.failures[i] = new LongAdder();
      this.logged[i] = new AtomicBoolean();
    }
    this.thresholds = thresholds;
    this.failureMode = b.failureMode == null ? FailureMode.OPEN : b.failureMode;
    this.settings = b.settings();
  }

  /** A builder for a new pipeline. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Inspects one exchange: runs every detector, fuses their signals, and returns the verdict.
   * Never throws; an exchange without a timestamp is stamped with the pipeline's clock.
   */
  public Verdict inspect(Exchange exchange) {
    inspected.increment();
    try {
      if (exchange == null) {
        throw new NullPointerException("exchange is null");
      }
      if (exchange.timestamp() == Exchange.UNSET_TIMESTAMP) {
        exchange = exchange.withTimestamp(settings.clock().millis());
      }
      return run(exchange);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      pipelineFailures.increment();
      partial.increment();
      if (pipelineLogged.compareAndSet(false, true)) {
        LOG.log(System.Logger.Level.WARNING, "DistillWatch could not inspect an exchange (logged once)", t);
      }
      Level level = failureMode == FailureMode.CLOSED ? Level.BLOCK : Level.ALLOW;
      return new Verdict(0.0, level, null, List.of(), List.of(PIPELINE));
    }
  }

  private Verdict run(Exchange exchange) {
    Signal[] signals = new Signal[detectors.length];
    double[] contribution = new double[detectors.length];
    List<String> failed = List.of();
    double keep = 1.0;
    int found = 0;
    for (int i = 0; i < detectors.length; i++) {
      Signal s;
      try {
        s = detectors[i].inspect(exchange);
      } catch (Throwable t) {
        rethrowIfFatal(t);
        failed = recordFailure(i, t, failed);
        continue;
      }
      if (s != null && s.score() > 0) {
        double c = weights[i] * s.score();
        keep *= 1.0 - c;
        signals[found] = s;
        contribution[found] = c;
        found++;
      }
    }
    List<Signal> mattered = strongestFirst(signals, contribution, found);
    double score = Math.min(1.0, Math.max(0.0, 1.0 - keep));
    Level level = thresholds.levelOf(score);
    if (!failed.isEmpty()) {
      partial.increment();
      if (failureMode == FailureMode.CLOSED) {
        level = Level.BLOCK;
      }
    }
    String campaign = null;
    for (Signal s : mattered) {
      if (s.campaign() != null) {
        campaign = s.campaign();
        break;
      }
    }
    return new Verdict(score, level, campaign, mattered, failed);
  }

  private static List<Signal> strongestFirst(Signal[] signals, double[] contribution, int found) {
    if (found == 0) {
      return List.of();
    }
    // An insertion sort of the few signal indices (stable, as the order of equal ones must be):
    // no boxing and no comparator objects on the request path.
    int[] order = new int[found];
    for (int i = 0; i < found; i++) {
      int x = i;
      int j = i - 1;
      while (j >= 0 && precedes(x, order[j], signals, contribution)) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    Signal[] sorted = new Signal[found];
    for (int i = 0; i < found; i++) {
      sorted[i] = signals[order[i]];
    }
    return Arrays.asList(sorted);
  }

  /** Whether signal {@code a} comes before {@code b}: a larger contribution, then the detector's name. */
  private static boolean precedes(int a, int b, Signal[] signals, double[] contribution) {
    int c = Double.compare(-contribution[a], -contribution[b]);
    return c < 0 || (c == 0 && signals[a].detector().compareTo(signals[b].detector()) < 0);
  }

  private List<String> recordFailure(int i, Throwable t, List<String> failed) {
    failures[i].increment();
    if (logged[i].compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING,
          "detector '" + detectors[i].name() + "' failed and was isolated (logged once; see stats())", t);
    }
    List<String> out = failed.isEmpty() ? new ArrayList<>(2) : failed;
    out.add(detectors[i].name());
    return out;
  }

  /**
   * Lets the few errors after which the JVM cannot be trusted reach the host; everything else a
   * detector throws, stack overflows included, is isolated.
   */
  private static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
  }

  /** Counters since the pipeline was built. */
  public PipelineStats stats() {
    Map<String, Long> f = new LinkedHashMap<>();
    for (int i = 0; i < detectors.length; i++) {
      f.put(detectors[i].name(), failures[i].sum());
    }
    f.put(PIPELINE, pipelineFailures.sum());
    return new PipelineStats(inspected.sum(), partial.sum(), f);
  }

  /** The detectors' names, in the order they run. */
  public List<String> detectorNames() {
    List<String> names = new ArrayList<>(detectors.length);
    for (Detector d : detectors) {
      names.add(d.name());
    }
    return names;
  }

  /** The pipeline's detectors, in the order they run; for tools that read detector state. */
  public List<Detector> detectors() {
    return List.of(detectors);
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "DistillWatch{detectors=" + detectorNames() + ", " + thresholds + ", failureMode=" + failureMode + "}";
  }

  /**
   * Builds a {@link DistillWatch}. Every setting may be set once; {@link #build()} validates the
   * whole and may be called more than once, each time giving a pipeline with fresh state.
   */
  public static final class Builder {
    private static final long DEFAULT_MAXIMUM_ACCOUNTS = 1_000_000;
    private static final long DEFAULT_SEED = 0x5EED_D157_1A7CL;

    private final List<Detector> detectors = new ArrayList<>();
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private DetectorSuite suite;
    private Thresholds thresholds;
    private FailureMode failureMode;
    private Long seed;
    private Long maximumAccounts;
    private Clock clock;

    private Builder() {}

    /**
     * Uses the recommended detector suite (from {@code distillwatch-detectors}, found on the
     * class path) with its weights and thresholds.
     */
    public Builder defaults() {
      return suite(DetectorSuite.recommended());
    }

    /** Uses the given detector suite, with its weights and thresholds unless set here. */
    public Builder suite(DetectorSuite suite) {
      requireUnset(this.suite, "detector suite");
      this.suite = Objects.requireNonNull(suite, "suite");
      return this;
    }

    /** Adds a detector, run after the suite's in the order added. */
    public Builder detector(Detector detector) {
      detectors.add(Objects.requireNonNull(detector, "detector"));
      return this;
    }

    /** The fusion weight in [0, 1] of the named detector (1 unless set). */
    public Builder weight(String detectorName, double weight) {
      Objects.requireNonNull(detectorName, "detectorName");
      if (!(weight >= 0 && weight <= 1)) {
        throw new IllegalArgumentException("weight of '" + detectorName + "' must be in [0, 1], was " + weight);
      }
      if (weights.containsKey(detectorName)) {
        throw new IllegalStateException("weight of '" + detectorName + "' was already set to " + weights.get(detectorName));
      }
      weights.put(detectorName, weight);
      return this;
    }

    public Builder thresholds(Thresholds thresholds) {
      requireUnset(this.thresholds, "thresholds");
      this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
      return this;
    }

    public Builder failureMode(FailureMode failureMode) {
      requireUnset(this.failureMode, "failure mode");
      this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
      return this;
    }

    /** The secret seed of every hash the detectors compute; keep it per deployment. */
    public Builder seed(long seed) {
      if (this.seed != null) {
        throw new IllegalStateException("seed was already set"); // never echo a secret
      }
      this.seed = seed;
      return this;
    }

    /** How many accounts each detector tracks at most (default 1,000,000). */
    public Builder maximumAccounts(long maximumAccounts) {
      requireUnset(this.maximumAccounts, "maximum accounts");
      if (maximumAccounts <= 0) {
        throw new IllegalArgumentException("maximumAccounts must be positive, was " + maximumAccounts);
      }
      this.maximumAccounts = maximumAccounts;
      return this;
    }

    /** The clock that stamps exchanges that arrive without a timestamp (default: system). */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    private Settings settings() {
      return Settings.of(
          seed == null ? DEFAULT_SEED : seed,
          maximumAccounts == null ? DEFAULT_MAXIMUM_ACCOUNTS : maximumAccounts,
          clock == null ? Clock.system() : clock);
    }

    /**
     * Builds a pipeline with fresh detector state.
     *
     * @throws IllegalStateException if there is no detector, two detectors share a name, or a
     *     weight names no detector
     */
    public DistillWatch build() {
      Settings settings = settings();
      List<Detector> all = new ArrayList<>();
      Map<String, Double> w = new LinkedHashMap<>();
      if (suite != null) {
        all.addAll(suite.create(settings));
        w.putAll(suite.weights());
      }
      all.addAll(detectors);
      w.putAll(weights);
      if (all.isEmpty()) {
        throw new IllegalStateException("a pipeline needs detectors: call defaults() or detector(...)");
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      for (Detector d : all) {
        if (!names.add(d.name())) {
          throw new IllegalStateException("two detectors are named '" + d.name() + "'");
        }
      }
      for (String name : w.keySet()) {
        if (!names.contains(name)) {
          throw new IllegalStateException("a weight is set for '" + name + "', which is no detector of " + names);
        }
      }
      Thresholds t = thresholds != null ? thresholds : suite != null ? suite.thresholds() : Thresholds.defaults();
      return new DistillWatch(this, all, w, t);
    }

    private static void requireUnset(Object value, String what) {
      if (value != null) {
        throw new IllegalStateException(what + " was already set to " + value);
      }
    }
  }
}
