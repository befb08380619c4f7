package dev.distillwatch.detectors.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The false-match rate of every phrase class on the bundled benign prompts (real prompts people
 * send to assistants), and the hit rate on the bundled extraction-style sets. The bounds asserted
 * here are the ones documented in docs/detectors-phrases.md.
 */
class PhraseFalseMatchTest {

  private static double[] rates(List<Prompts.Prompt> prompts) {
    PhraseMatcher m = PhraseCatalog.defaults().matcher();
    int classes = PhraseClass.values().length;
    double[] rate = new double[classes];
    for (Prompts.Prompt p : prompts) {
      int[] counts = new int[classes];
      m.scan(p.text(), counts, 0, false);
      for (int c = 0; c < classes; c++) {
        rate[c] += counts[c] > 0 ? 1 : 0;
      }
    }
    for (int c = 0; c < classes; c++) {
      rate[c] /= prompts.size();
    }
    return rate;
  }

  private static String table(String name, int n, double[] rate) {
    StringBuilder b = new StringBuilder(name).append(" (").append(n).append(" prompts):");
    for (PhraseClass c : PhraseClass.values()) {
      b.append(String.format(Locale.ROOT, " %s=%.2f%%", c, 100 * rate[c.ordinal()]));
    }
    return b.toString();
  }

  @Test
  void falseMatchRatesOnBundledBenignPromptsStayUnderTheirBounds() {
    List<Prompts.Prompt> benign = Prompts.benign();
    assertThat(benign).hasSizeGreaterThan(2000);
    double[] rate = rates(benign);
    System.out.println(table("benign", benign.size(), rate));
    assertThat(rate[PhraseClass.REASONING_STRONG.ordinal()]).isLessThanOrEqualTo(0.001);
    assertThat(rate[PhraseClass.REASONING_ELABORATE.ordinal()]).isLessThanOrEqualTo(0.005);
    assertThat(rate[PhraseClass.REASONING_TAGS.ordinal()]).isLessThanOrEqualTo(0.002);
    assertThat(rate[PhraseClass.REASONING_WEAK.ordinal()]).isLessThanOrEqualTo(0.03);
    assertThat(rate[PhraseClass.SELF_INSTRUCT.ordinal()]).isLessThanOrEqualTo(0.001);
    assertThat(rate[PhraseClass.EVOL_INSTRUCT.ordinal()]).isLessThanOrEqualTo(0.001);
    assertThat(rate[PhraseClass.ORCA_SYSTEM.ordinal()]).isLessThanOrEqualTo(0.001);
    assertThat(rate[PhraseClass.JUDGE.ordinal()]).isLessThanOrEqualTo(0.002);
  }

  @Test
  void extractionStyleTaskSetsRarelyCarryElicitationThemselves() {
    // Task sets (GSM8K, BBH, MBPP, ...) are what campaigns send; the elicitation is what they add.
    List<Prompts.Prompt> tasks = Prompts.extractionStyle();
    double[] rate = rates(tasks);
    System.out.println(table("extraction-style", tasks.size(), rate));
    assertThat(rate[PhraseClass.REASONING_STRONG.ordinal()]).isLessThanOrEqualTo(0.002);
    assertThat(rate[PhraseClass.REASONING_ELABORATE.ordinal()]).isLessThanOrEqualTo(0.002);
  }
}
