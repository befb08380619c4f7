package dev.distillwatch.detectors.text;

import dev.distillwatch.sketches.text.CharAutomaton;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.objects.Object2IntOpenCustomHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * transition table of the minimal DFA (failure links resolved and equivalent states merged at build
 * time), column by column in 16-bit state numbers, so an ASCII char costs one dependent load;
 * for the CJK, Cyrillic, Arabic and Hangul classes, sparse sorted edge lists. The states where a
 * phrase ends are numbered last, so a hit costs one compare with no load; their bit masks of
 * categories (dictionary suffix links folded in) are looked up only then. The trie with failure
 * links stays for {@link #find}. Separator runs and ignorable chars are folded into the table as self-
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
  /** Input classes: ignorable chars, separators, chars no phrase uses, then the phrase chars. */
  private static final int IGNORE = 0;
  private static final int SPACE = 1;
  private static final int OTHER = 2;
  private static final int FIRST_PHRASE_CLASS = 3;

  /** Raw char to input class (a column of the table for the dense classes). */
  private final short[] classOf;
  private final int classes;
  /** Dense classes (ignore, separator, other and the ASCII phrase chars): {@code [0, width)}. */
  private final int width;
  /**
   * The minimal DFA, column by column: {@code table[c * dfaStates + s]} is the next state from
   * state {@code s} on dense class {@code c}. States are numbered breadth first from the start
   * state, the states where a phrase ends last (from {@link #hitState} on), so that the states
   * most chars visit share cache lines in every column.
   */
  private final char[] table;
  /** The category mask of each state from {@link #hitState} on, at {@code s - hitState}. */
  private final int[] masks;
  private final int hitState;
  private final int start;
  private final int dfaStates;
  /**
   * Sparse classes in the DFA: per state, sorted (class, target state) edges where the target
   * differs from its default row: at {@link #sparseBase} in {@link #sparseDefault}, the root's
   * transitions or those of the start state (for the states after a separator, which share the
   * start's many word-initial edges), whichever leaves the shorter list.
   */
  private final int[] sparseStart;
  private final short[] sparseClass;
  private final int[] sparseTarget;
  private final int[] sparseBase;
  private final int[] sparseDefault;
  // The trie with failure links, from which the DFA is built; find() walks it for phrase ids.
  private final int trieStates;
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
  /** The categories of the phrases that end exactly at a state (duplicates included). */
  private final int[] ownMask;
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
      int k = f == TextFold.IGNORED ? IGNORE : f == TextFold.SEPARATOR ? SPACE
          : classOfFolded[f] == 0 ? OTHER : classOfFolded[f];
      classOf[c] = (short) k;
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
    this.ownMask = new int[states];
    this.afterSpace = new boolean[states];
    for (int s = 0; s < states; s++) {
      phraseAt[s] = pattern.get(s);
      ownMask[s] = own.get(s);
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
    // Failure links and dictionary links, breadth first.
    this.fail = new int[states];
    this.dictLink = new int[states];
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
    this.trieStates = states;
    Dfa dfa = Dfa.of(this, children, own, order);
    this.table = dfa.table;
    this.masks = dfa.masks;
    this.hitState = dfa.hitState;
    this.start = dfa.start;
    this.sparseStart = dfa.sparseStart;
    this.sparseClass = dfa.sparseClass;
    this.sparseTarget = dfa.sparseTarget;
    this.sparseBase = dfa.sparseBase;
    this.sparseDefault = dfa.sparseDefault;
    this.dfaStates = dfa.states;
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
      int t = edge(edgeStart, edgeClass, edgeTarget, s, c);
      if (t >= 0) {
        return t;
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }

  /** The transition from DFA state {@code s} on a non-dense class. */
  private int slow(int s, int c) {
    int t = edge(sparseStart, sparseClass, sparseTarget, s, c);
    return t >= 0 ? t : sparseDefault[sparseBase[s] + c - width];
  }

  /** The target of state {@code s}'s edge on class {@code c} in sorted edge lists, or -1. */
  private static int edge(int[] start, short[] classes, int[] targets, int s, int c) {
    for (int e = start[s], end = start[s + 1]; e < end; e++) {
      int ec = classes[e];
      if (ec == c) {
        return targets[e];
      }
      if (ec > c) {
        break;
      }
    }
    return -1;
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
  public char[] table() {
    return table;
  }

  @Override
  public int stride() {
    return dfaStates;
  }

  @Override
  public int start() {
    return start;
  }

  @Override
  public int hitState() {
    return hitState;
  }

  @Override
  public int mask(int state) {
    return masks[state - hitState];
  }

  @Override
  public int stepSparse(int state, int inputClass) {
    return slow(state, inputClass);
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
    final char[] t = table;
    final int dense = width;
    final int stride = dfaStates;
    final int hits = hitState;
    final int length = to - from;
    int s = start;
    long h = 0x9E3779B97F4A7C15L;
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (hash) {
        h = (h ^ ch) * 0x100000001B3L;
      }
      int c = cls[ch];
      s = c < dense ? t[c * stride + s] : slow(s, c);
      if (s >= hits) {
        int m = mask(s);
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

  /** The transition of the trie with failure links from state {@code s} on input class {@code c}. */
  private int trieStep(int s, int c) {
    if (c == IGNORE) {
      return s;
    }
    if (c == OTHER) {
      return 0;
    }
    if (c == SPACE && afterSpace[s]) {
      return s; // a run of separators is one separator
    }
    return gotoSparse(s, c);
  }

  /**
   * The ids of the phrases found in {@code text}, one per occurrence, in the order their ends
   * are reached. For tests and tools: it allocates, and walks the trie, not the DFA.
   */
  public List<Integer> find(CharSequence text) {
    List<Integer> found = new ArrayList<>();
    int s = trieStep(0, SPACE); // a virtual separator before the text: word start
    for (int i = 0; i < text.length(); i++) {
      int c = classOf[text.charAt(i)];
      int before = s;
      s = trieStep(s, c);
      if (s == before && (c == IGNORE || c == SPACE)) {
        continue; // no new position: do not report the same end twice
      }
      for (int q = phraseAt[s] >= 0 ? s : dictLink[s]; q != 0; q = dictLink[q]) {
        found.add(phraseAt[q]);
      }
    }
    return found;
  }

  /**
   * {@link #scan(CharSequence, int[], int, boolean)} on the trie instead of the DFA: the reference
   * the DFA must agree with, for tests.
   */
  void scanTrie(CharSequence text, int[] counts, int base) {
    int s = trieStep(0, SPACE);
    for (int i = 0; i < text.length(); i++) {
      s = trieStep(s, classOf[text.charAt(i)]);
      int m = 0;
      for (int q = phraseAt[s] >= 0 ? s : dictLink[s]; q != 0; q = dictLink[q]) {
        m |= ownMask[q];
      }
      for (; m != 0; m &= m - 1) {
        counts[base + Integer.numberOfTrailingZeros(m)]++;
      }
    }
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
   * How many states the minimal DFA has (at most 65,535); its table is {@code 2 * dense classes}
   * bytes a state, plus 128 KiB for the char classes.
   */
  public int states() {
    return dfaStates;
  }

  @Override
  public String toString() {
    return "PhraseMatcher{phrases=" + phrases.size() + ", states=" + dfaStates + " (trie " + trieStates
        + "), classes=" + classes + ", dense=" + width + "}";
  }

  /**
   * The minimal DFA of the trie with failure links. The expanded alternations of the catalogue
   * make many trie states equivalent (the same suffixes after different openings); merging them
   * (Moore's partition refinement, with the category mask as the output) gives the same mask at
   * every position of every text with a several times smaller table, and numbering the states
   * breadth first from the start state puts the ones near it, which most chars visit, in the
   * same cache lines. Hand-written: the libraries on the class path have no automata.
   */
  private static final class Dfa {
    char[] table;
    int[] masks;
    int hitState;
    int start;
    int states;
    int[] sparseStart;
    short[] sparseClass;
    int[] sparseTarget;
    int[] sparseBase;
    int[] sparseDefault;

    static Dfa of(PhraseMatcher m, List<int[]> children, List<Integer> own, int[] order) {
      int states = children.size();
      int width = m.width;
      // The trie's complete transitions: dense classes in a table of state ids; sparse classes
      // as sorted (class, target) pairs where they differ from the root's.
      int[] delta = new int[states * width];
      int[] out = new int[states];
      int[][] except = new int[states][];
      int[] rootSparse = new int[m.classes - width];
      int[] rootChildren = children.get(0);
      for (int k = 0; k < rootChildren.length; k += 2) {
        if (rootChildren[k] >= width) {
          rootSparse[rootChildren[k] - width] = rootChildren[k + 1];
        }
      }
      except[0] = new int[0];
      for (int s : order) {
        int row = s * width;
        int[] ch = children.get(s);
        if (s != 0) {
          int f = m.fail[s];
          System.arraycopy(delta, f * width, delta, row, width);
          out[s] = out[f] | own.get(s);
          except[s] = merge(except[f], ch, width);
        }
        delta[row + IGNORE] = s;
        delta[row + OTHER] = 0;
        for (int k = 0; k < ch.length; k += 2) {
          if (ch[k] < width) {
            delta[row + ch[k]] = ch[k + 1];
          }
        }
        if (m.afterSpace[s]) {
          delta[row + SPACE] = s;
        }
      }
      // Moore: start from the partition by mask, refine by the blocks of the successors until
      // the number of blocks stops growing.
      int[] block = new int[states];
      Object2IntOpenCustomHashMap<int[]> ids = new Object2IntOpenCustomHashMap<>(IntArrays.HASH_STRATEGY);
      for (int s = 0; s < states; s++) {
        block[s] = ids.computeIfAbsent(new int[] {out[s]}, k -> ids.size());
      }
      int blocks = ids.size();
      int[] signature = new int[1 + width + 2 * (m.classes - width)];
      while (true) {
        ids.clear();
        int[] next = new int[states];
        for (int s = 0; s < states; s++) {
          int n = 0;
          signature[n++] = block[s];
          for (int c = 0, row = s * width; c < width; c++) {
            signature[n++] = block[delta[row + c]];
          }
          int[] ex = except[s];
          for (int k = 0; k < ex.length; k += 2) {
            int b = block[ex[k + 1]];
            if (b != block[rootSparse[ex[k] - width]]) {
              signature[n++] = ex[k];
              signature[n++] = b;
            }
          }
          int[] key = Arrays.copyOf(signature, n);
          next[s] = ids.computeIfAbsent(key, k -> ids.size());
        }
        block = next;
        if (ids.size() == blocks) {
          break;
        }
        blocks = ids.size();
      }
      // Number the blocks breadth first from the start state, those with a mask last.
      int startState = delta[SPACE]; // a virtual separator before the text: word start
      int[] rep = new int[blocks];
      Arrays.fill(rep, -1);
      int[] bfs = new int[blocks];
      int head = 0;
      int tail = 0;
      rep[block[startState]] = startState;
      bfs[tail++] = block[startState];
      boolean defaults = false;
      while (head < tail) {
        int s = rep[bfs[head++]];
        for (int c = 0; c < width; c++) {
          tail = visit(delta[s * width + c], block, rep, bfs, tail);
        }
        for (int k = 0; k < except[s].length; k += 2) {
          tail = visit(except[s][k + 1], block, rep, bfs, tail);
        }
        if (head == tail && !defaults) { // then the states only non-ASCII chars lead to
          defaults = true;
          for (int t : rootSparse) {
            tail = visit(t, block, rep, bfs, tail);
          }
        }
      }
      int[] id = new int[blocks];
      int plain = 0;
      for (int b : bfs) {
        if (out[rep[b]] == 0) {
          id[b] = plain++;
        }
      }
      int hit = plain;
      for (int b : bfs) {
        if (out[rep[b]] != 0) {
          id[b] = hit++;
        }
      }
      if (blocks > Character.MAX_VALUE) {
        throw new IllegalArgumentException("too many phrases: the automaton has " + blocks
            + " states, more than 16-bit state numbers hold");
      }
      Dfa d = new Dfa();
      d.states = blocks;
      d.hitState = plain;
      d.start = id[block[startState]];
      d.table = new char[blocks * width];
      d.masks = new int[blocks - plain];
      d.sparseStart = new int[blocks + 1];
      int[] sparseCount = new int[blocks];
      List<int[]> sparse = new ArrayList<>(Collections.nCopies(blocks, (int[]) null));
      int sparseClasses = rootSparse.length;
      int[][] rows = new int[blocks][]; // per new state: the targets on every sparse class
      for (int b = 0; b < blocks; b++) {
        int s = rep[b];
        int[] row = new int[sparseClasses];
        for (int c = 0; c < sparseClasses; c++) {
          row[c] = id[block[rootSparse[c]]];
        }
        for (int k = 0; k < except[s].length; k += 2) {
          row[except[s][k] - width] = id[block[except[s][k + 1]]];
        }
        rows[id[b]] = row;
      }
      d.sparseDefault = new int[2 * sparseClasses];
      System.arraycopy(rows[id[block[0]]], 0, d.sparseDefault, 0, sparseClasses);
      System.arraycopy(rows[d.start], 0, d.sparseDefault, sparseClasses, sparseClasses);
      d.sparseBase = new int[blocks];
      for (int b = 0; b < blocks; b++) {
        int s = rep[b];
        for (int c = 0; c < width; c++) {
          d.table[c * blocks + id[b]] = (char) id[block[delta[s * width + c]]];
        }
        if (out[s] != 0) {
          d.masks[id[b] - plain] = out[s];
        }
        int[] row = rows[id[b]];
        int fromRoot = differences(row, d.sparseDefault, 0);
        int fromStart = differences(row, d.sparseDefault, sparseClasses);
        int base = fromStart < fromRoot ? sparseClasses : 0;
        int[] kept = new int[2 * Math.min(fromRoot, fromStart)];
        int n = 0;
        for (int c = 0; c < sparseClasses; c++) {
          if (row[c] != d.sparseDefault[base + c]) {
            kept[n++] = c + width;
            kept[n++] = row[c];
          }
        }
        d.sparseBase[id[b]] = base;
        sparse.set(id[b], kept);
        sparseCount[id[b]] = n / 2;
      }
      int edges = 0;
      for (int s = 0; s < blocks; s++) {
        d.sparseStart[s] = edges;
        edges += sparseCount[s];
      }
      d.sparseStart[blocks] = edges;
      d.sparseClass = new short[edges];
      d.sparseTarget = new int[edges];
      for (int s = 0; s < blocks; s++) {
        int[] e = sparse.get(s);
        for (int k = 0, at = d.sparseStart[s]; k < e.length; k += 2, at++) {
          d.sparseClass[at] = (short) e[k];
          d.sparseTarget[at] = e[k + 1];
        }
      }
      return d;
    }

    /** How many of {@code row}'s targets differ from the default row at {@code base}. */
    private static int differences(int[] row, int[] defaults, int base) {
      int n = 0;
      for (int c = 0; c < row.length; c++) {
        if (row[c] != defaults[base + c]) {
          n++;
        }
      }
      return n;
    }

    /** Queues the block of trie state {@code t} if it has not been seen. */
    private static int visit(int t, int[] block, int[] rep, int[] bfs, int tail) {
      if (rep[block[t]] < 0) {
        rep[block[t]] = t;
        bfs[tail++] = block[t];
      }
      return tail;
    }

    /**
     * The sparse exceptions of a state: its failure state's, overridden by its own children on
     * sparse classes; both sorted by class.
     */
    private static int[] merge(int[] inherited, int[] children, int width) {
      int[] merged = new int[inherited.length + children.length];
      int n = 0;
      int i = 0;
      int j = 0;
      while (j < children.length && children[j] < width) {
        j += 2;
      }
      while (i < inherited.length || j < children.length) {
        if (j >= children.length || (i < inherited.length && inherited[i] < children[j])) {
          merged[n++] = inherited[i++];
          merged[n++] = inherited[i++];
        } else {
          if (i < inherited.length && inherited[i] == children[j]) {
            i += 2;
          }
          merged[n++] = children[j++];
          merged[n++] = children[j++];
        }
      }
      return Arrays.copyOf(merged, n);
    }
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
