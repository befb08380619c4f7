package dev.distillwatch.simulator.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Signal;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.LabelledExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  private static final long DAY = 86_400_000L;
  private static final String[] WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike"
      + " november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu apple banana cherry"
      + " grape lemon mango olive peach pear plum").split(" ");

  private static Exchange ex(String account, long ts, String text) {
    return Exchange.builder().account(account).timestamp(ts).prompt(text).build();
  }

  /** A sentence of random words: no two share many word pairs. */
  private static String randomText(SplittableRandom r, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
    }
    return sb.toString();
  }

  /** Words of random letters: texts share no word. */
  private static String randomLetters(SplittableRandom r, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      for (int j = 0; j < 8; j++) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
      sb.append(' ');
    }
    return sb.toString();
  }

  private static boolean flags(Signal s) {
    return s.score() >= 0.8;
  }

  @Test
  void volumeCapFlagsTheRequestAboveTheCapAndResetsDaily() {
    VolumeCapBaseline v = new VolumeCapBaseline(3, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(flags(v.inspect(ex("a", 10 + i, "x")))).isFalse();
    }
    assertThat(flags(v.inspect(ex("a", 20, "x")))).isTrue();
    assertThat(flags(v.inspect(ex("b", 21, "x")))).isFalse();
    assertThat(flags(v.inspect(ex("a", DAY + 1, "x")))).isFalse();
  }

  @Test
  void scoresKeepRisingPastTheFlagSoAStricterRuleIsAHigherThreshold() {
    VolumeCapBaseline v = new VolumeCapBaseline(3, 100);
    double previous = 0;
    for (int i = 0; i < 40; i++) { // 40 requests in one day, far past twice the cap
      double score = v.inspect(ex("a", 10 + i, "x")).score();
      assertThat(score).isGreaterThan(previous).isLessThan(1.0);
      previous = score;
    }
    SeatBaseline seat = new SeatBaseline(1, 100);
    String template = "Translate this sentence into French and explain the grammar of every word: ";
    double[] scores = new double[14];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = seat.inspect(ex("repeater", i, template + WORDS[i])).score();
    }
    // 8 near-duplicates give 28 pairs (flagged), 14 give 91: far past 40, where it used to saturate
    assertThat(scores[7]).isGreaterThanOrEqualTo(0.8);
    assertThat(scores[13]).isGreaterThan(scores[7]).isLessThan(1.0);
  }

  @Test
  void volumeCapCalibratesOnBenignAccountDays() {
    List<LabelledExchange> log = new ArrayList<>();
    Label benign = new Label(Label.Kind.BENIGN, "benign");
    Label campaign = new Label(Label.Kind.CAMPAIGN, "c");
    long t = 0;
    for (int account = 1; account <= 10; account++) { // day 0: account k sends k requests
      for (int i = 0; i < account; i++) {
        log.add(new LabelledExchange(ex("u" + account, t++, "x"), benign));
      }
    }
    for (int i = 0; i < 500; i++) { // campaign traffic does not count
      log.add(new LabelledExchange(ex("c", t++, "x"), campaign));
    }
    log.add(new LabelledExchange(ex("u1", DAY + 5, "x"), benign)); // day 1: one account-day of 1
    // 11 account-days: 1, 1, 2, ..., 10 -> nearest-rank median is the 6th: 5; the max is 10
    assertThat(VolumeCapBaseline.calibrate(log.iterator(), 0.5)).isEqualTo(5);
    assertThat(VolumeCapBaseline.calibrate(log.iterator(), 0.999)).isEqualTo(10);
  }

  @Test
  void seatCountsSimilarPairsWithinAnAccount() {
    SeatBaseline seat = new SeatBaseline(1, 100);
    SplittableRandom r = new SplittableRandom(1);
    Signal last = Signal.none("x");
    for (int i = 0; i < 60; i++) {
      last = seat.inspect(ex("diverse", i, randomText(r, 30)));
    }
    assertThat(flags(last)).isFalse();
    String template = "Translate this sentence into French and explain the grammar of every word: ";
    for (int i = 0; i < 8; i++) {
      last = seat.inspect(ex("repeater", i, template + WORDS[i]));
    }
    assertThat(flags(last)).isTrue(); // 8 near-duplicates: 28 similar pairs >= 20
  }

  @Test
  void blacklightMatchesQueriesAgainstTheGlobalStoreAcrossAccounts() {
    BlacklightBaseline b = new BlacklightBaseline(1, 100, 16);
    SplittableRandom r = new SplittableRandom(2);
    Signal s = Signal.none("x");
    for (int i = 0; i < 50; i++) {
      s = b.inspect(ex("diverse", i, randomText(r, 40)));
    }
    assertThat(flags(s)).isFalse();
    String q = randomText(r, 40);
    b.inspect(ex("first", 100, q)); // stored, no match yet
    for (int i = 0; i < 9; i++) {
      s = b.inspect(ex("copier", 200 + i, q));
    }
    assertThat(flags(s)).isFalse(); // 9 matches
    assertThat(flags(b.inspect(ex("copier", 300, q)))).isTrue(); // the 10th
    assertThat(flags(b.inspect(ex("short", 400, "hi there")))).isFalse(); // too short to test
  }

  @Test
  void pradaFlagsAnAccountWhoseDistancesAreNotNormal() {
    Detector prada = new PradaBaseline(0.90, 1, 100);
    SplittableRandom r = new SplittableRandom(3);
    // all queries share no word: every minimum distance is 1, a constant: no evidence
    Signal s = Signal.none("x");
    for (int i = 0; i < 60; i++) {
      s = prada.inspect(ex("unrelated", i, randomLetters(r, 40)));
    }
    assertThat(flags(s)).isFalse();
    // a synthetic attack: each query either repeats a seed query or is brand new: two-point distances
    String seed = randomLetters(r, 40);
    for (int i = 0; i < 60; i++) {
      s = prada.inspect(ex("attacker", i, i % 3 == 0 ? randomLetters(r, 40) : seed));
    }
    assertThat(flags(s)).isTrue();
  }

  @Test
  void jaccardOfBottomKSketchesIsExactForSmallSets() {
    int[] a = {1, 2, 3, 4};
    int[] b = {3, 4, 5, 6};
    assertThat(TextFeatures.jaccard(a, b, 32)).isEqualTo(2.0 / 6);
    assertThat(TextFeatures.jaccard(a, a, 32)).isEqualTo(1.0);
    TextFeatures f = new TextFeatures(7);
    assertThat(f.tokens("Order 12 apples!")).containsExactly(f.tokens("order 99 APPLES")); // digits quantised
  }
}
