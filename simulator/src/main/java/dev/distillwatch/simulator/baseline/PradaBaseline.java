package dev.distillwatch.simulator.baseline;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Signal;
import java.util.Locale;

/**
 * BASELINE, not part of DistillWatch: PRADA, after M. Juuti, S. Szyller, S. Marchal and N.
 * Asokan, "PRADA: Protecting Against DNN Model Stealing Attacks", IEEE EuroS&amp;P 2019.
 *
 * <p>Per account, PRADA keeps a growing set G of the account's earlier queries and the list D of
 * each new query's minimum distance to G; a query joins G when its distance is at least
 * mean(D) - std(D). Benign queries give normally distributed distances; synthetic extraction
 * queries do not. Once D has {@code minimumDistances} values the Shapiro-Wilk W of D is tested
 * and the account is flagged when W &lt; δ.
 *
 * <p>Adapted to text: the distance is 1 - Jaccard similarity of word sets, estimated from
 * bottom-32 sketches ({@link TextFeatures}). Words rather than word pairs, so that unrelated
 * texts, which share function words, still give a spread of distances as the paper's L2
 * distances do, rather than a pile at exactly 1. Parameters: δ = {@value #DEFAULT_DELTA} (the
 * paper tunes δ per model, 0.87-0.96), at least 30 distances, G capped at the 32 most recent
 * members and D at the 100 most recent distances (about 4.6 KB per account), at most
 * {@code maximumAccounts} accounts (LRU).
 *
 * <p>Score: {@code 0.8 (1 - W) / (1 - δ)}, capped at 1, so W = δ is the flag threshold 0.8.
 */
public final class PradaBaseline implements Detector {
  /** The detector name. */
  public static final String NAME = "baseline-prada";
  /** The default δ. */
  public static final double DEFAULT_DELTA = 0.90;
  private static final int K = 32;
  private static final int GROWING_SET = 32;
  private static final int DISTANCES = 100;
  private static final int MINIMUM_DISTANCES = 30;

  private final double delta;
  private final TextFeatures features;
  private final BoundedAccounts<State> accounts;

  private static final class State {
    final int[][] g = new int[GROWING_SET][];
    int gSize;
    int gNext;
    final double[] d = new double[DISTANCES];
    int dSize;
    int dNext;
  }

  /** PRADA with threshold {@code delta}, hashing with {@code seed}. */
  public PradaBaseline(double delta, long seed, int maximumAccounts) {
    this.delta = delta;
    this.features = new TextFeatures(seed);
    this.accounts = new BoundedAccounts<>(maximumAccounts);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Signal inspect(Exchange exchange) {
    int[] sketch = TextFeatures.bottomK(TextFeatures.windows(features.tokens(exchange.lastUserText()), 1), K);
    synchronized (this) {
      State s = accounts.get(exchange.account(), State::new);
      if (s.gSize == 0) {
        add(s, sketch);
        return Signal.none(NAME);
      }
      double min = 1.0;
      for (int i = 0; i < s.gSize; i++) {
        min = Math.min(min, 1.0 - TextFeatures.jaccard(sketch, s.g[i], K));
      }
      s.d[s.dNext] = min;
      s.dNext = (s.dNext + 1) % DISTANCES;
      s.dSize = Math.min(DISTANCES, s.dSize + 1);
      double mean = 0;
      for (int i = 0; i < s.dSize; i++) {
        mean += s.d[i];
      }
      mean /= s.dSize;
      double var = 0;
      for (int i = 0; i < s.dSize; i++) {
        var += (s.d[i] - mean) * (s.d[i] - mean);
      }
      double threshold = mean - Math.sqrt(var / s.dSize);
      if (min >= threshold) {
        add(s, sketch);
      }
      if (s.dSize < MINIMUM_DISTANCES) {
        return Signal.none(NAME);
      }
      double w = ShapiroWilk.w(s.d, s.dSize);
      // below delta the score keeps falling with W to 1 at W = 0, never saturating (see MatchedFpr)
      double score = delta > 0 && w <= delta ? 0.8 + 0.2 * (delta - w) / delta : Math.max(0.0, 0.8 * (1 - w) / (1 - delta));
      return Signal.of(NAME, score, String.format(Locale.ROOT, "Shapiro-Wilk W=%.3f over %d distances, delta %.2f",
          w, s.dSize, delta));
    }
  }

  private static void add(State s, int[] sketch) {
    s.g[s.gNext] = sketch;
    s.gNext = (s.gNext + 1) % GROWING_SET;
    s.gSize = Math.min(GROWING_SET, s.gSize + 1);
  }
}
