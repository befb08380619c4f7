package dev.distillwatch.detectors.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An Aho-Corasick automaton over {@linkplain TextFold folded} text: one pass over a char
 * sequence finds every occurrence of every phrase, with normalisation done on the fly by one
 * table look-up per char, and counts the occurrences per category (up to 32 categories) into a
 * caller's {@code int[]}. The scan allocates nothing and never builds a normalised string.
 *
 * <p>Why not a library: the Aho-Corasick implementations on Maven Central
 * ({@code org.ahocorasick:ahocorasick}, {@code com.hankcs:aho-corasick-double-array-trie}) take a
 * {@code String}, report matches as allocated {@code Emit}/hit objects or through callbacks per
 * hit, and normalise by lower-casing a copy of the whole text first; none folds width,
 * whitespace and punctuation on the fly. The automaton here is a few hundred lines: the input
 * alphabet is the set of folded chars the phrases use (one table look-up maps a raw char to its
 * class); for the ASCII classes, which carry the English phrases and nearly all the text a
 * gateway sees, a complete DFA transition table ({@code states x ASCII classes} ints, failure
 * links resolved at build time), so an ASCII char costs one look-up; for the CJK, Cyrillic,
 * Arabic and Hangul classes, sparse sorted edge lists with failure links. Per state, the bit mask
 * of categories that end there (dictionary suffix links folded in at build time), so a hit costs
 * one {@code int} test.
 *
 * <p>Word boundaries: a phrase that starts with a letter or digit of a script written with
 * spaces (Latin, Cyrillic, Greek, Arabic, Hebrew, Hangul) matches only at the start of a word
 * ("show your work" does not match inside "reshow your work"); CJK and kana phrases match
 * anywhere. Phrases match as prefixes of words ("hidden thought" matches "hidden thoughts").
 *
 * <p>Immutable and thread-safe once built.
 */
public final class PhraseMatcher {
  private static final short IGNORE = -1;
  private static final short OTHER = 0;
  private static final short SPACE = 1;

  /** Raw char to input class: {@link #IGNORE}, {@link #OTHER}, {@link #SPACE} or a phrase char. */
  private final short[] classOf;
  private final int classes;
  private final int[] rootNext;
  /** Classes below this (other, separator and ASCII phrase chars) have a dense DFA row. */
  private final int dense;
  /** The complete transition function over the dense classes: {@code dfa[state * dense + class]}. */
  private final int[] dfa;
  private final int[] edgeStart;
  private final short[] edgeClass;
  private final int[] edgeTarget;
  private final int[] fail;
  private final int[] outMask;
  /** The phrase that ends exactly at a state, or -1; for {@link #find}. */
  private final int[] phraseAt;
  /** The nearest proper suffix state at which a phrase ends, or 0; for {@link #find}. */
  private final int[] dictLink;
  private final List<String> phrases;
  private final int[] categoryOf;

  private PhraseMatcher(Builder b) {
    int n = b.phrases.size();
    this.phrases = List.copyOf(b.folded);
    this.categoryOf = new int[n];
    for (int i = 0; i < n; i++) {
      categoryOf[i] = b.categories.get(i);
    }
    // Input classes: one per distinct folded char of the phrases.
    short[] classOfFolded = new short[65536];
    short next = 2;
    int denseClasses = 0;
    for (int pass = 0; pass < 2; pass++) { // ASCII classes first: they get the dense table
      for (String p : b.folded) {
        for (int i = 0; i < p.length(); i++) {
          char c = p.charAt(i);
          if (c != TextFold.SEPARATOR && classOfFolded[c] == 0 && (c < 128) == (pass == 0)) {
            classOfFolded[c] = next++;
          }
        }
      }
      if (pass == 0) {
        denseClasses = next;
      }
    }
    this.classes = next;
    this.dense = denseClasses;
    this.classOf = new short[65536];
    for (int c = 0; c < 65536; c++) {
      char f = TextFold.fold((char) c);
      classOf[c] = f == TextFold.IGNORED ? IGNORE : f == TextFold.SEPARATOR ? SPACE : classOfFolded[f];
    }
    // The trie, with maps for building.
    List<int[]> children = new ArrayList<>(); // per state: sorted pairs (class, target) flattened
    List<Integer> pattern = new ArrayList<>();
    List<Integer> own = new ArrayList<>(); // per state: categories of the phrases that end there
    children.add(new int[0]);
    pattern.add(-1);
    own.add(0);
    for (int id = 0; id < n; id++) {
      String p = b.folded.get(id);
      int s = 0;
      for (int i = 0; i < p.length(); i++) {
        int c = p.charAt(i) == TextFold.SEPARATOR ? SPACE : classOfFolded[p.charAt(i)];
        int t = child(children.get(s), c);
        if (t < 0) {
          t = children.size();
          children.add(new int[0]);
          pattern.add(-1);
          own.add(0);
          children.set(s, withChild(children.get(s), c, t));
        }
        s = t;
      }
      if (pattern.get(s) < 0) {
        pattern.set(s, id); // a duplicate phrase is found under its first id
      }
      own.set(s, own.get(s) | 1 << categoryOf[id]);
    }
    int states = children.size();
    this.phraseAt = new int[states];
    for (int s = 0; s < states; s++) {
      phraseAt[s] = pattern.get(s);
    }
    this.rootNext = new int[classes];
    int[] root = children.get(0);
    for (int k = 0; k < root.length; k += 2) {
      rootNext[root[k]] = root[k + 1];
    }
    this.edgeStart = new int[states + 1];
    int edges = 0;
    for (int s = 0; s < states; s++) {
      edgeStart[s] = edges;
      edges += s == 0 ? 0 : children.get(s).length / 2;
    }
    edgeStart[states] = edges;
    this.edgeClass = new short[edges];
    this.edgeTarget = new int[edges];
    for (int s = 1; s < states; s++) {
      int[] ch = children.get(s);
      for (int k = 0, e = edgeStart[s]; k < ch.length; k += 2, e++) {
        edgeClass[e] = (short) ch[k];
        edgeTarget[e] = ch[k + 1];
      }
    }
    // Failure links, output masks and dictionary links, breadth first.
    this.fail = new int[states];
    this.outMask = new int[states];
    this.dictLink = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int k = 0; k < root.length; k += 2) {
      int t = root[k + 1];
      fail[t] = 0;
      outMask[t] = own.get(t);
      queue.add(t);
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      int[] ch = children.get(s);
      for (int k = 0; k < ch.length; k += 2) {
        int c = ch[k];
        int t = ch[k + 1];
        int f = step(fail[s], c);
        fail[t] = f;
        dictLink[t] = phraseAt[f] >= 0 ? f : dictLink[f];
        outMask[t] = outMask[f] | own.get(t);
        queue.add(t);
      }
    }
    // The dense DFA rows, breadth first so that every failure state's row is complete before use.
    this.dfa = new int[states * dense];
    for (int c = 0; c < dense; c++) {
      dfa[c] = rootNext[c];
    }
    queue.add(0);
    while (!queue.isEmpty()) {
      int s = queue.poll();
      int[] ch = children.get(s);
      for (int k = 0; k < ch.length; k += 2) {
        int t = ch[k + 1];
        int row = t * dense;
        int failRow = fail[t] * dense;
        for (int c = 0; c < dense; c++) {
          dfa[row + c] = dfa[failRow + c];
        }
        int[] own2 = children.get(t);
        for (int j = 0; j < own2.length; j += 2) {
          if (own2[j] < dense) {
            dfa[row + own2[j]] = own2[j + 1];
          }
        }
        queue.add(t);
      }
    }
  }

  private static int child(int[] pairs, int c) {
    for (int k = 0; k < pairs.length; k += 2) {
      if (pairs[k] == c) {
        return pairs[k + 1];
      }
    }
    return -1;
  }

  private static int[] withChild(int[] pairs, int c, int t) {
    int[] out = Arrays.copyOf(pairs, pairs.length + 2);
    int k = pairs.length;
    while (k > 0 && out[k - 2] > c) { // keep sorted by class
      out[k] = out[k - 2];
      out[k + 1] = out[k - 1];
      k -= 2;
    }
    out[k] = c;
    out[k + 1] = t;
    return out;
  }

  /** A builder of a matcher. */
  public static Builder builder() {
    return new Builder();
  }

  /** The transition from state {@code s} on input class {@code c}, following failure links. */
  private int step(int s, int c) {
    while (s != 0) {
      for (int e = edgeStart[s], end = edgeStart[s + 1]; e < end; e++) {
        int ec = edgeClass[e];
        if (ec == c) {
          return edgeTarget[e];
        }
        if (ec > c) {
          break;
        }
      }
      s = fail[s];
    }
    return rootNext[c];
  }

  /**
   * Scans {@code text} once and adds, for every category, the number of positions where a phrase
   * of that category ends to {@code counts[base + category]}. Allocation-free.
   *
   * @return a 64-bit hash of the raw text if {@code hash} is true, else 0
   */
  public long scan(CharSequence text, int[] counts, int base, boolean hash) {
    final short[] cls = classOf;
    final int[] out = outMask;
    final int[] table = dfa;
    final int dense = this.dense;
    int s = rootNext[SPACE]; // a virtual separator before the text: word start
    boolean space = true;
    long h = 0x9E3779B97F4A7C15L;
    final int length = text.length();
    for (int i = 0; i < length; i++) {
      char ch = text.charAt(i);
      if (hash) {
        h = (h ^ ch) * 0x100000001B3L;
      }
      int c = cls[ch];
      if (c <= SPACE) {
        if (c == IGNORE) {
          continue;
        }
        if (c == OTHER) { // a char no phrase holds: back to the root
          s = 0;
          space = false;
          continue;
        }
        if (space) {
          continue; // collapse runs of separators
        }
        space = true;
      } else {
        space = false;
      }
      s = c < dense ? table[s * dense + c] : step(s, c);
      int m = out[s];
      while (m != 0) {
        counts[base + Integer.numberOfTrailingZeros(m)]++;
        m &= m - 1;
      }
    }
    return hash ? mix(h ^ length) : 0;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  /**
   * The ids of the phrases found in {@code text}, one per occurrence, in the order their ends
   * are reached. For tests and tools: it allocates.
   */
  public List<Integer> find(CharSequence text) {
    List<Integer> found = new ArrayList<>();
    int s = rootNext[SPACE];
    boolean space = true;
    for (int i = 0; i <= text.length(); i++) {
      int c = i == text.length() ? SPACE : classOf[text.charAt(i)];
      if (c == IGNORE || (c == SPACE && space)) {
        continue;
      }
      space = c == SPACE;
      s = step(s, c);
      for (int t = phraseAt[s] >= 0 ? s : dictLink[s]; t != 0; t = dictLink[t]) {
        found.add(phraseAt[t]);
      }
    }
    return found;
  }

  /** How many phrases the matcher holds (duplicates of a folded phrase count once each). */
  public int size() {
    return phrases.size();
  }

  /** The folded form of phrase {@code id}, as matched. */
  public String phrase(int id) {
    return phrases.get(id);
  }

  /** The category of phrase {@code id}. */
  public int category(int id) {
    return categoryOf[id];
  }

  /**
   * How many states the automaton has; its memory is {@code 4 * dense + ~20} bytes a state plus
   * 128 KiB for the char classes.
   */
  public int states() {
    return fail.length;
  }

  @Override
  public String toString() {
    return "PhraseMatcher{phrases=" + phrases.size() + ", states=" + fail.length + ", classes=" + classes
        + ", dense=" + dense + "}";
  }

  /** Builds a {@link PhraseMatcher}. */
  public static final class Builder {
    private final List<String> phrases = new ArrayList<>();
    private final List<String> folded = new ArrayList<>();
    private final List<Integer> categories = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a phrase of a category in [0, 32).
     *
     * @return the phrase's id
     * @throws IllegalArgumentException if the phrase folds to nothing or the category is out of
     *     range
     */
    public int add(String phrase, int category) {
      Objects.requireNonNull(phrase, "phrase");
      if (category < 0 || category >= 32) {
        throw new IllegalArgumentException("category must be in [0, 32), was " + category);
      }
      String f = TextFold.fold(phrase);
      if (f.isEmpty()) {
        throw new IllegalArgumentException("phrase folds to nothing: '" + phrase + "'");
      }
      if (wordInitial(f.charAt(0))) {
        f = TextFold.SEPARATOR + f; // match at the start of a word only
      }
      phrases.add(phrase);
      folded.add(f);
      categories.add(category);
      return phrases.size() - 1;
    }

    public PhraseMatcher build() {
      return new PhraseMatcher(this);
    }

    private static boolean wordInitial(char c) {
      if (!Character.isLetterOrDigit(c)) {
        return false;
      }
      switch (Character.UnicodeScript.of(c)) {
        case LATIN:
        case CYRILLIC:
        case GREEK:
        case ARABIC:
        case HEBREW:
        case HANGUL:
        case COMMON:
          return true;
        default:
          return false;
      }
    }
  }
}
