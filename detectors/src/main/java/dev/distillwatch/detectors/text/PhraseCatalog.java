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
  /** The most phrases one line may expand to: a guard against a mistyped alternation. */
  static final int MAXIMUM_EXPANSION = 5_000;

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

  /**
   * The phrases a catalogue line stands for: each {@code {a|b|c}} group is an alternation, expanded
   * into every combination ({@code "{show|print} your {|full }reasoning"} is four phrases; an empty
   * alternative makes a word optional). Lines without braces stand for themselves.
   *
   * @throws IllegalArgumentException if braces are unbalanced or nested, or the line expands to
   *     more than {@value #MAXIMUM_EXPANSION} phrases
   */
  static List<String> expand(String line) {
    List<String> out = new ArrayList<>();
    out.add("");
    int i = 0;
    while (i < line.length()) {
      int open = line.indexOf('{', i);
      int close = line.indexOf('}', i);
      if (open < 0) {
        if (close >= 0) {
          throw new IllegalArgumentException("'}' without '{' at column " + (close + 1));
        }
        append(out, List.of(line.substring(i)));
        break;
      }
      if (close >= 0 && close < open) {
        throw new IllegalArgumentException("'}' without '{' at column " + (close + 1));
      }
      int end = line.indexOf('}', open);
      int nested = line.indexOf('{', open + 1);
      if (end < 0 || (nested >= 0 && nested < end)) {
        throw new IllegalArgumentException("'{' at column " + (open + 1) + " is not closed before the next '{'");
      }
      append(out, List.of(line.substring(i, open)));
      append(out, List.of(line.substring(open + 1, end).split("\\|", -1)));
      if (out.size() > MAXIMUM_EXPANSION) {
        throw new IllegalArgumentException("expands to more than " + MAXIMUM_EXPANSION + " phrases");
      }
      i = end + 1;
    }
    List<String> phrases = new ArrayList<>(out.size());
    for (String p : out) {
      String t = p.strip().replaceAll("\\s+", " ");
      if (!t.isEmpty()) {
        phrases.add(t);
      }
    }
    return phrases;
  }

  private static void append(List<String> prefixes, List<String> alternatives) {
    List<String> next = new ArrayList<>(prefixes.size() * alternatives.size());
    for (String p : prefixes) {
      for (String a : alternatives) {
        next.add(p + a);
      }
    }
    prefixes.clear();
    prefixes.addAll(next);
  }

  /** Reads the phrases of a resource: one a line ({@link #expand expanded}), blank lines and comments skipped. */
  static List<String> read(String resource) {
    List<String> out = new ArrayList<>();
    try (InputStream in = PhraseCatalog.class.getResourceAsStream(BASE + resource)) {
      if (in == null) {
        throw new IllegalStateException("phrase resource missing from the class path: " + BASE + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int number = 0;
      for (String line; (line = r.readLine()) != null; ) {
        number++;
        String t = line.strip();
        if (t.isEmpty() || t.equals("#") || t.startsWith("# ")) {
          continue;
        }
        try {
          out.addAll(expand(t));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(BASE + resource + ":" + number + ": " + e.getMessage(), e);
        }
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
     * Adds phrases to a class; {@code {a|b}} alternations are expanded as in the resources.
     *
     * @throws IllegalArgumentException if a phrase folds to nothing or an alternation is malformed
     */
    public Builder add(PhraseClass cls, String... more) {
      for (String line : more) {
        List<String> expanded = expand(line);
        if (expanded.isEmpty()) {
          throw new IllegalArgumentException("phrase folds to nothing: '" + line + "'");
        }
        for (String p : expanded) {
          if (TextFold.fold(p).isEmpty()) {
            throw new IllegalArgumentException("phrase folds to nothing: '" + p + "' (from '" + line + "')");
          }
          phrases.get(cls).add(p);
        }
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
