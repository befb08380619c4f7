package dev.distillwatch.simulator.baseline;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Signal;
import java.util.Locale;

/**
 * BASELINE, not part of DistillWatch: SEAT, after Z. Zhang, Y. Chen and D. Wagner, "SEAT:
 * Similarity Encoder by Adversarial Training for Detecting Model Extraction Attack Queries",
 * ACM AISec 2021.
 *
 * <p>SEAT embeds each query with a similarity encoder and, per account, counts pairs of queries
 * closer than a threshold; an account with more such pairs than a count threshold is flagged.
 * Here the encoder is replaced by word-bigram Jaccard similarity estimated from bottom-16
 * sketches ({@link TextFeatures}). Parameters: a pair is similar at Jaccard &gt;=
 * {@value #SIMILARITY}; each query is compared with the account's {@value #HISTORY} most recent
 * queries (about 4 KB per account); flag at {@value #PAIRS} similar pairs; at most
 * {@code maximumAccounts} accounts (LRU).
 *
 * <p>Score: {@code 0.8 * pairs / }{@value #PAIRS}, capped at 1.
 */
public final class SeatBaseline implements Detector {
  /** The detector name. */
  public static final String NAME = "baseline-seat";
  static final double SIMILARITY = 0.5;
  static final int HISTORY = 64;
  static final int PAIRS = 20;
  private static final int K = 16;

  private final TextFeatures features;
  private final BoundedAccounts<State> accounts;

  private static final class State {
    final int[][] history = new int[HISTORY][];
    int size;
    int next;
    long pairs;
  }

  /** SEAT hashing with {@code seed}, tracking at most {@code maximumAccounts} accounts. */
  public SeatBaseline(long seed, int maximumAccounts) {
    this.features = new TextFeatures(seed);
    this.accounts = new BoundedAccounts<>(maximumAccounts);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Signal inspect(Exchange exchange) {
    int[] sketch = TextFeatures.bottomK(TextFeatures.windows(features.tokens(exchange.lastUserText()), 2), K);
    synchronized (this) {
      State s = accounts.get(exchange.account(), State::new);
      for (int i = 0; i < s.size; i++) {
        if (TextFeatures.jaccard(sketch, s.history[i], K) >= SIMILARITY) {
          s.pairs++;
        }
      }
      s.history[s.next] = sketch;
      s.next = (s.next + 1) % HISTORY;
      s.size = Math.min(HISTORY, s.size + 1);
      if (s.pairs == 0) {
        return Signal.none(NAME);
      }
      // from the flag on the score keeps rising with the count, never saturating (see MatchedFpr)
      double score = s.pairs < PAIRS ? 0.8 * s.pairs / PAIRS : Math.max(0.8, 1 - 0.2 * PAIRS / s.pairs);
      return Signal.of(NAME, score,
          String.format(Locale.ROOT, "%d similar query pairs, flag at %d", s.pairs, PAIRS));
    }
  }
}
