package dev.distillwatch.detectors.text;

import dev.distillwatch.core.Derivation;
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
 * A phrase catalogue: every {@link PhraseClass}'s phrases compiled into one {@link PhraseMatcher}
 * whose categories are the classes' ordinals, and the {@link #derivation() derivation} that scans
 * an exchange with it.
 *
 * <p>The {@linkplain #defaults() default catalogue} is read from the class path once, on first
 * use. A host that needs more phrases (another language, its own red-team findings) builds its
 * own and gives the same instance to every phrase detector's config, so that they still share one
 * pass per exchange:
 *
 * <pre>{@code
 * PhraseCatalog phrases = PhraseCatalog.builder().defaults()
 *     .add(PhraseClass.REASONING_STRONG, "zeig mir dein gesamtes Denken")
 *     .build();
 * ReasoningConfig reasoning = ReasoningConfig.builder().phrases(phrases).build();
 * RecipeConfig recipe = RecipeConfig.builder().phrases(phrases).build();
 * }</pre>
 */
public final class PhraseCatalog {
  private static final String BASE = "/dev/distillwatch/detectors/";

  private final PhraseMatcher matcher;
  private final Map<PhraseClass, List<String>> phrases;
  private final Derivation<PhraseScan> derivation;
  /** The shared pass this catalogue's scan comes from (see {@link #pair}), null, or CONFLICT. */
  private volatile Derivation<TextPass> shared;

  private static final Derivation<TextPass> CONFLICT = e -> {
    throw new IllegalStateException("never derived");
  };

  private PhraseCatalog(Map<PhraseClass, List<String>> phrases) {
    this.phrases = phrases;
    PhraseMatcher.Builder b = PhraseMatcher.builder();
    phrases.forEach((cls, list) -> list.forEach(p -> b.add(p, cls.category())));
    this.matcher = b.build();
    PhraseMatcher m = matcher;
    this.derivation = e -> {
      Derivation<TextPass> pass = shared;
      return pass != null && pass != CONFLICT ? e.derived(pass).phrases() : PhraseScan.scan(e, m);
    };
  }

  /**
   * Pairs this catalogue with the shared pass of one shingling seed, so that {@link #derivation()}
   * reads its scan from that pass; a second, different pass (another seed) undoes the pairing, and
   * the catalogue scans alone again.
   */
  void pair(Derivation<TextPass> pass) {
    synchronized (this) {
      if (shared == null) {
        shared = pass;
      } else if (shared != pass) {
        shared = CONFLICT;
      }
    }
  }

  /** The default catalogue. */
  public static PhraseCatalog defaults() {
    return Holder.DEFAULT;
  }

  /** A builder of a catalogue, empty until {@link Builder#defaults()} or {@link Builder#add}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The derivation that scans an exchange with this catalogue: one instance per catalogue, so
   * detectors configured with the same catalogue share one pass per exchange.
   */
  public Derivation<PhraseScan> derivation() {
    return derivation;
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

  @Override
  public String toString() {
    return "PhraseCatalog{" + matcher + "}";
  }

  /** Builds a {@link PhraseCatalog}. */
  public static final class Builder {
    private final Map<PhraseClass, List<String>> phrases = new EnumMap<>(PhraseClass.class);

    private Builder() {
      for (PhraseClass c : PhraseClass.values()) {
        phrases.put(c, new ArrayList<>());
      }
    }

    /** Adds every phrase of the default catalogue. */
    public Builder defaults() {
      PhraseCatalog d = PhraseCatalog.defaults();
      for (PhraseClass c : PhraseClass.values()) {
        phrases.get(c).addAll(d.phrases(c));
      }
      return this;
    }

    /**
     * Adds phrases to a class.
     *
     * @throws IllegalArgumentException if a phrase folds to nothing
     */
    public Builder add(PhraseClass cls, String... more) {
      for (String p : more) {
        if (TextFold.fold(p).isEmpty()) {
          throw new IllegalArgumentException("phrase folds to nothing: '" + p + "'");
        }
        phrases.get(cls).add(p);
      }
      return this;
    }

    /** Removes a phrase (as written) from a class, if present. */
    public Builder remove(PhraseClass cls, String phrase) {
      phrases.get(cls).remove(phrase);
      return this;
    }

    public PhraseCatalog build() {
      Map<PhraseClass, List<String>> m = new EnumMap<>(PhraseClass.class);
      phrases.forEach((c, list) -> m.put(c, List.copyOf(list)));
      return new PhraseCatalog(m);
    }
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
