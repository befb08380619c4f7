package dev.distillwatch.detectors.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Prints which phrases match in the larger shared prompt set, per file; run by hand with
 * {@code -Ddistillwatch.explore=true}. Skipped otherwise and when the shared set is absent.
 */
class PhraseExplorationTest {

  @Test
  void explore() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("distillwatch.explore"), "exploration is run by hand");
    Path dir = Paths.get(System.getProperty("distillwatch.shared", "/work/shared/data/prompts"));
    Assumptions.assumeTrue(Files.isDirectory(dir));
    PhraseMatcher m = PhraseCatalog.defaults().matcher();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl")).sorted()::iterator) {
        List<Prompts.Prompt> prompts = Prompts.read(f);
        Map<String, Integer> perPhrase = new TreeMap<>();
        int[] perClass = new int[PhraseClass.values().length];
        for (Prompts.Prompt p : prompts) {
          int[] counts = new int[PhraseClass.values().length];
          m.scan(p.text(), counts, 0, false);
          for (int c = 0; c < counts.length; c++) {
            perClass[c] += counts[c] > 0 ? 1 : 0;
          }
          for (int id : new java.util.LinkedHashSet<>(m.find(p.text()))) {
            perPhrase.merge(PhraseClass.values()[m.category(id)] + " | " + m.phrase(id), 1, Integer::sum);
          }
        }
        StringBuilder b = new StringBuilder();
        b.append(f.getFileName()).append(" rows=").append(prompts.size());
        for (PhraseClass c : PhraseClass.values()) {
          if (perClass[c.ordinal()] > 0) {
            b.append(' ').append(c).append('=').append(perClass[c.ordinal()]);
          }
        }
        System.out.println(b);
        perPhrase.forEach((k, v) -> System.out.println("    " + v + "\t" + k));
      }
    }
  }
}
