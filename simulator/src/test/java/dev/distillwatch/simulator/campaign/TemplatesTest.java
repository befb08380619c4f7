package dev.distillwatch.simulator.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  @Test
  void paraphrasesWholeWordsOnlyAndVaries() {
    SplittableRandom r = new SplittableRandom(5);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String p = Templates.paraphrase("Explain your reasoning before answering, then give the final answer.", r);
      assertThat(p).doesNotContain("resulting").doesNotContain("conclusioning").contains("before answering");
      seen.add(p);
    }
    assertThat(seen.size()).isGreaterThan(50);
  }

  @Test
  void rendersTheTaskIntoTheLayout() {
    SplittableRandom r = new SplittableRandom(6);
    for (int i = 0; i < 100; i++) {
      Templates.Template t = Templates.chainOfThought(r);
      String text = t.render("What is 17 * 23?", 0.5, r);
      assertThat(text).contains("What is 17 * 23?");
    }
  }
}
