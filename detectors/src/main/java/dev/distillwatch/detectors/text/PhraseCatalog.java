package dev.distillwatch.detectors.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The default phrase catalogue: every {@link PhraseClass}'s phrases, read from the class path,
 * compiled into one {@link PhraseMatcher} whose categories are the classes' ordinals. Loaded once,
 * on first use.
 */
public final class PhraseCatalog {
  private static final String BASE = "/dev/distillwatch/detectors/";

  private final PhraseMatcher matcher;
  private final Map<PhraseClass, List<String>> phrases;

  private PhraseCatalog(Map<PhraseClass, List<String>> phrases) {
    this.phrases = phrases;
    PhraseMatcher.Builder b = PhraseMatcher.builder();
    phrases.forEach((cls, list) -> list.forEach(p -> b.add(p, cls.category())));
    this.matcher = b.build();
  }

  /** The default catalogue. */
  public static PhraseCatalog defaults() {
    return Holder.DEFAULT;
  }

  /** The automaton holding every phrase of every class. */
  public PhraseMatcher matcher() {
    return matcher;
  }

  /** The phrases of one class, as written in its resource. */
  public List<String> phrases(PhraseClass cls) {
    return phrases.get(cls);
  }

  /** Reads the phrases of a resource: one a line, blank lines and comments skipped. */
  static List<String> read(String resource) {
    List<String> out = new ArrayList<>();
    try (InputStream in = PhraseCatalog.class.getResourceAsStream(BASE + resource)) {
      if (in == null) {
        throw new IllegalStateException("phrase resource missing from the class path: " + BASE + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String t = line.strip();
        if (t.isEmpty() || t.equals("#") || t.startsWith("# ")) {
          continue;
        }
        out.add(t);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  private static final class Holder {
    static final PhraseCatalog DEFAULT = load();

    private static PhraseCatalog load() {
      Map<PhraseClass, List<String>> m = new EnumMap<>(PhraseClass.class);
      for (PhraseClass c : PhraseClass.values()) {
        m.put(c, read(c.resource()));
      }
      return new PhraseCatalog(m);
    }
  }
}
