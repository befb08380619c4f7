package dev.distillwatch.detectors.text;

import dev.distillwatch.sketches.text.CharAutomaton;
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
 * <p>Why not a library: {@code org.ahocorasick:ahocorasick} takes a {@code String}, lower-cases a
 * copy of the whole text and returns a new {@code Collection<Emit>} per call; {@code
 * com.hankcs:aho-corasick-double-array-trie} matches a {@code CharSequence} through a per-hit
 * callback without allocating, but matches chars as they are. Neither folds width, whitespace runs
 * and punctuation, so either would need a normalised copy of the prompt first: the extra pass and
 * allocation the budget rules out. The automaton here is a few hundred lines: the input alphabet is
 * the set of folded chars the phrases use (one table look-up maps a raw char to its class); for the
 * ASCII classes, which carry the English phrases and nearly all the text a gateway sees, a complete
 * DFA transition table (failure links resolved at build time) whose entries are pre-multiplied row
 * offsets, so an ASCII char costs one dependent load; for the CJK, Cyrillic, Arabic and Hangul
 * classes, sparse sorted edge lists with failure links. Column 0 of a row holds the bit mask of
 * categories that end in that state (dictionary suffix links folded in at build time), so a hit
 * costs one {@code int} test. Separator runs and ignorable chars are folded into the table as self-
 * loops (a state entered on a separator stays on another one), so the loop has no data-dependent
 * branch but the rare hit (and the slow path for non-ASCII phrase chars).
 *
 * <p>Word boundaries: a phrase that starts with a letter or digit of a script written with
 * spaces (Latin, Cyrillic, Greek, Arabic, Hebrew, Hangul) matches only at the start of a word
 * ("show your work" does not match inside "reshow your work"); CJK and kana phrases match
 * anywhere. Phrases match as prefixes of words ("hidden thought" matches "hidden thoughts").
 *
 * <p>Immutable and thread-safe once built.
 */
public final class PhraseMatcher implements CharAutomaton {
  /** Table columns: the category mask, then the input classes. */
  private static final int MASK = 0;
  private static final int IGNORE = 1;
  private static final int SPACE = 2;
  private static final int OTHER = 3;
  private static final int FIRST_PHRASE_CLASS = 4;

  /** Raw char to input class (a column of the table for the dense classes). */
  private final short[] classOf;
  private final int classes;
  /** Dense classes (mask column, ignore, separator, other and the ASCII phrase chars): {@code [0, width)}. */
  private final int width;
  /**
   * Row {@code s * width} of state {@code s}: column 0 the category mask, column {@code c} the row
   * offset of the next state on dense class {@code c}.
   */
  private final int[] table;
  private final int start;
  private final int[] edgeStart;
  private final short[] edgeClass;
  private final int[] edgeTarget;
  private final int[] fail;
  /** Whether a state is entered on a separator (its label ends with one). */
  private final boolean[] afterSpace;
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
    // Input classes: one per distinct folded char of the phrases, ASCII first (the dense ones).
    short[] classOfFolded = new short[65536];
    short next = FIRST_PHRASE_CLASS;
    int dense = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (String p : b.folded) {
        for (int i = 0; i < p.length(); i++) {
          char c = p.charAt(i);
          if (c != TextFold.SEPARATOR && classOfFolded[c] == 0 && (c < 128) == (pass == 0)) {
            classOfFolded[c] = next++;
          }
        }
      }
      if (pass == 0) {
        dense = next;
      }
    }
    this.classes = next;
    this.width = dense;
    this.classOf = new short[65536];
    for (int c = 0; c < 65536; c++) {
      char f = TextFold.fold((char) c);
      int k = f == TextFold.IGNORED ? IGNORE : f == TextFold.SEPARATOR ? SPACE : classOfFolded[f];
      classOf[c] = (short) (k == 0 ? OTHER : k);
    }
    // The trie.
    List<int[]> children = new ArrayList<>(); // per state: sorted pairs (class, target) flattened
    List<Integer> pattern = new ArrayList<>();
    List<Integer> own = new ArrayList<>(); // per state: categories of the phrases that end there
    List<Boolean> space = new ArrayList<>();
    children.add(new int[0]);
    pattern.add(-1);
    own.add(0);
    space.add(false);
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
          space.add(c == SPACE);
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
    this.afterSpace = new boolean[states];
    for (int s = 0; s < states; s++) {
      phraseAt[s] = pattern.get(s);
      afterSpace[s] = space.get(s);
    }
    this.edgeStart = new int[states + 1];
    int edges = 0;
    for (int s = 0; s < states; s++) {
      edgeStart[s] = edges;
      edges += children.get(s).length / 2;
    }
    edgeStart[states] = edges;
    this.edgeClass = new short[edges];
    this.edgeTarget = new int[edges];
    for (int s = 0; s < states; s++) {
      int[] ch = children.get(s);
      for (int k = 0, e = edgeStart[s]; k < ch.length; k += 2, e++) {
        edgeClass[e] = (short) ch[k];
        edgeTarget[e] = ch[k + 1];
      }
    }
    // Failure links, masks and dictionary links, breadth first; then the dense rows, also breadth
    // first so that a state's failure row is complete before its own.
    this.fail = new int[states];
    this.dictLink = new int[states];
    this.table = new int[states * width];
    int[] order = new int[states];
    int head = 0;
    int tail = 0;
    order[tail++] = 0;
    while (head < tail) {
      int s = order[head++];
      int[] ch = children.get(s);
      for (int k = 0; k < ch.length; k += 2) {
        int t = ch[k + 1];
        if (s != 0) {
          int f = gotoSparse(fail[s], ch[k]);
          fail[t] = f;
          dictLink[t] = phraseAt[f] >= 0 ? f : dictLink[f];
        }
        order[tail++] = t;
      }
    }
    for (int i = 0; i < states; i++) {
      int s = order[i];
      int row = s * width;
      if (s == 0) {
        for (int c = 1; c < width; c++) {
          table[c] = 0;
        }
      } else {
        System.arraycopy(table, fail[s] * width, table, row, width);
      }
      table[row + MASK] = (s == 0 ? 0 : table[fail[s] * width + MASK]) | own.get(s);
      table[row + IGNORE] = row;
      table[row + OTHER] = 0;
      int[] ch = children.get(s);
      for (int k = 0; k < ch.length; k += 2) {
        if (ch[k] < width) {
          table[row + ch[k]] = ch[k + 1] * width;
        }
      }
      if (afterSpace[s]) {
        table[row + SPACE] = row; // a run of separators is one separator
      }
    }
    this.start = table[SPACE]; // a virtual separator before the text: word start
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

  /** The goto-with-failure transition from state {@code s} on a phrase class, over the sparse edges. */
  private int gotoSparse(int s, int c) {
    while (true) {
      for (int e = edgeStart[s], end = edgeStart[s + 1]; e < end; e++) {
        int ec = edgeClass[e];
        if (ec == c) {
          return edgeTarget[e];
        }
        if (ec > c) {
          break;
        }
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }

  /** The transition from the state at row offset {@code row} on a non-dense class: a row offset. */
  private int slow(int row, int c) {
    return gotoSparse(row / width, c) * width;
  }

  // The automaton in table form, for the shingler's shared pass (TextPass): the same table and
  // steps as scan().

  @Override
  public short[] classes() {
    return classOf;
  }

  @Override
  public int denseClasses() {
    return width;
  }

  @Override
  public int[] table() {
    return table;
  }

  @Override
  public int start() {
    return start;
  }

  @Override
  public int stepSparse(int row, int inputClass) {
    return slow(row, inputClass);
  }

  /**
   * Scans {@code text} once and adds, for every category, the number of positions where a phrase
   * of that category ends to {@code counts[base + category]}. Allocation-free.
   *
   * @return a 64-bit hash of the raw text if {@code hash} is true, else 0
   */
  public long scan(CharSequence text, int[] counts, int base, boolean hash) {
    return scan(text, 0, text.length(), counts, base, hash);
  }

  /**
   * Scans the chars {@code [from, to)} of {@code text} as {@link #scan(CharSequence, int[], int,
   * boolean)} scans a whole text.
   */
  public long scan(CharSequence text, int from, int to, int[] counts, int base, boolean hash) {
    final short[] cls = classOf;
    final int[] t = table;
    final int dense = width;
    final int length = to - from;
    int s = start;
    long h = 0x9E3779B97F4A7C15L;
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (hash) {
        h = (h ^ ch) * 0x100000001B3L;
      }
      int c = cls[ch];
      s = c < dense ? t[s + c] : slow(s, c);
      int m = t[s];
      if (m != 0) {
        do {
          counts[base + Integer.numberOfTrailingZeros(m)]++;
          m &= m - 1;
        } while (m != 0);
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
    int s = start;
    for (int i = 0; i < text.length(); i++) {
      int c = classOf[text.charAt(i)];
      int before = s;
      s = c < width ? table[s + c] : slow(s, c);
      if (s == before && (c == IGNORE || c == SPACE)) {
        continue; // no new position: do not report the same end twice
      }
      int state = s / width;
      for (int q = phraseAt[state] >= 0 ? state : dictLink[state]; q != 0; q = dictLink[q]) {
        found.add(phraseAt[q]);
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
   * How many states the automaton has; its memory is {@code 4 * dense classes + ~20} bytes a
   * state plus 128 KiB for the char classes.
   */
  public int states() {
    return fail.length;
  }

  @Override
  public String toString() {
    return "PhraseMatcher{phrases=" + phrases.size() + ", states=" + fail.length + ", classes=" + classes
        + ", dense=" + width + "}";
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
