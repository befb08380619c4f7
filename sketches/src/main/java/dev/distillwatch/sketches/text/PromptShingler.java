package dev.distillwatch.sketches.text;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a prompt into a <em>skeleton</em> view (what the template looks like) and a
 * <em>content</em> view (the task words), in one pass over its chars.
 *
 * <h2>Normalisation</h2>
 *
 * NFKC and lower-case folding with an ASCII fast path: ASCII chars are folded with a table;
 * runs of non-ASCII chars that NFKC leaves alone (most letters of most scripts) with a 64K
 * class/fold table built once; only the other runs go through {@link java.text.Normalizer} (and
 * only when they are not already NFKC). Runs of spaces fold to nothing, runs of line breaks to one {@link
 * TokenKind#NEWLINE} token.
 *
 * <h2>Slots</h2>
 *
 * Stateless rules replace variable parts by slot tokens ({@link TokenKind#isSlot()}): numbers,
 * double-quoted and back-ticked spans (one line, at most {@value #MAX_QUOTED_TOKENS} tokens),
 * fenced code blocks, URLs, e-mail addresses and long hex/alphanumeric identifiers.
 *
 * <h2>Skeleton</h2>
 *
 * Templates wrap tasks: the template sits at the head and/or the tail of a prompt, the task in
 * the middle. The skeleton is a multiset of keyed hashes (replicas carry weight), so that MinHash
 * over it estimates a weighted Jaccard similarity:
 *
 * <ul>
 *   <li>token trigrams anchored at the first and at the last {@code w} tokens ({@code w} = {@link
 *       Builder#windowTokens}, default 10), head and tail in separate namespaces, replicated with
 *       weight {@code ~2w/(i + w/2)} at distance {@code i} from the end; the whole middle — the
 *       long run of task content — is one implicit slot. Drain (He et al., "Drain: An Online Log
 *       Parsing Approach with Fixed Depth Tree", ICWS 2017) likewise keys templates on fixed
 *       positions;
 *   <li>the whole first and last line of a multi-line prompt, with weight {@link
 *       Builder#lineWeight} (default 90): templates are line-structured, as log lines are.
 * </ul>
 *
 * Measured on the bundled prompts, this stateless design beat a Drain-like document-frequency
 * rule (keep tokens that recur across recent prompts): the latter kept the tasks' own recurring
 * phrasing (BBH, toolformer headers, GSM8K "how many") and its output depended on campaign
 * volume. The price: a single-line template whose only fixed text is a few words at one end is
 * indistinguishable from a common opening phrase (see the module README).
 *
 * <h2>Hashing</h2>
 *
 * Tokens are hashed with hash4j komihash 5.0 keyed by the deployment seed, so outsiders cannot
 * craft colliding prompts. Instances are immutable and thread-safe; the {@link ShingleBuffer} is
 * per thread.
 */
public final class PromptShingler {
  /**
   * Version of the skeleton scheme (normalisation, slots, windows, weights, hashing). Signatures
   * persisted by a {@link dev.distillwatch.sketches.index.TemplateIndex} are comparable only with
   * signatures of the same skeleton version, seed and configuration; bump on any change that
   * alters a skeleton hash (guarded by a golden-value test).
   */
  public static final int SKELETON_VERSION = 2;

  /** Longest quoted span (in tokens) that collapses into one {@link TokenKind#QUOTED} slot. */
  public static final int MAX_QUOTED_TOKENS = 48;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long HEAD = 0x68656164L;
  private static final long TAIL = 0x7461696CL;
  private static final long HEAD_LINE = 0x686C696EL;
  private static final long TAIL_LINE = 0x746C696EL;

  private static final byte LETTER = 0;
  private static final byte DIGIT = 1;
  private static final byte SPACE = 2;
  private static final byte NEWLINE = 3;
  private static final byte OTHER = 4;
  private static final byte[] ASCII_CLASS = new byte[128];
  private static final char[] ASCII_FOLD = new char[128];
  /**
   * What the lexer's fast loop ({@code Lexer.words}) does with an ASCII char: {@link #FAST_LETTER}
   * extends the word (up to 15 letters: from 16 on, a word of hex letters is an identifier),
   * {@link #FAST_SPACE} ends it, {@link #FAST_PUNCT} ends it and is a punctuation token (every
   * punctuation char the general path has no rule of its own for, and ':' and '.' but after
   * "http", "https" and "www"), {@link #FAST_NEWLINE} ends it and is a line break; 0 sends the
   * char to the general path (digits, '@', quote marks, back-ticks).
   */
  private static final byte[] FAST = new byte[128];
  private static final byte FAST_LETTER = 1;
  private static final byte FAST_SPACE = 2;
  private static final byte FAST_PUNCT = 3;
  private static final byte FAST_NEWLINE = 4;
  /**
   * Per BMP char, learnt on first sight: {@link #KNOWN}, plus for the chars NFKC leaves alone
   * (most letters of most scripts) {@link #INERT}, the class of the char's lower case (bits 16–18)
   * and that lower case (bits 0–15). 256 KB, so that runs of such chars skip the Normalizer and
   * the Character look-ups. One int per char, so a racing reader sees a whole entry or 0 (then
   * learns it again, to the same value).
   */
  private static final int[] BMP = new int[65536];
  private static final int KNOWN = 1 << 20;
  private static final int INERT = 1 << 19;

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_FOLD[c] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
      byte cls;
      if (Character.isLetter(c) || c == '_') {
        cls = LETTER;
      } else if (c >= '0' && c <= '9') {
        cls = DIGIT;
      } else if (c == '\n') {
        cls = NEWLINE;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B) {
        cls = SPACE;
      } else if (c < 32 || c == 127) {
        cls = SPACE; // control chars fold like whitespace
      } else {
        cls = OTHER;
      }
      ASCII_CLASS[c] = cls;
      FAST[c] = cls == LETTER ? FAST_LETTER : cls == SPACE ? FAST_SPACE
          : cls == NEWLINE ? FAST_NEWLINE
          : cls == OTHER && c != '@' && c != '"' && c != '`' ? FAST_PUNCT : 0;
    }
  }

  /** The {@link #BMP} entry of {@code c}, computed and stored on first sight. */
  private static int bmp(char c) {
    int entry = BMP[c];
    if (entry == 0) {
      int folded = Character.toLowerCase((int) c);
      int type = Character.getType(c);
      // NFKC leaves a run of such chars as it is: each is normalised on its own, is a starter
      // (combining class 0: not a mark) and no char composes with it (NFC_QC=Maybe chars are
      // marks or Hangul medial/final jamo).
      boolean inert = c >= 128
          && !Character.isSurrogate(c)
          && folded < 65536
          && type != Character.NON_SPACING_MARK
          && type != Character.COMBINING_SPACING_MARK
          && type != Character.ENCLOSING_MARK
          && !(c >= 0x1161 && c <= 0x1175) && !(c >= 0x11A8 && c <= 0x11C2)
          && Normalizer.isNormalized(String.valueOf(c), Normalizer.Form.NFKC);
      entry = inert ? KNOWN | INERT | classOf(folded) << 16 | folded : KNOWN;
      BMP[c] = entry;
    }
    return entry;
  }

  private final long seed;
  private final int window;
  private final int lineWeight;
  private final Hasher64 hasher;
  private final long[] slotHash = new long[TokenKind.values().length];
  private final long[] asciiHash = new long[128];
  private final long start;
  private final long end;
  private final int[] weights;

  private PromptShingler(Builder builder) {
    this.seed = builder.seed;
    this.window = builder.windowTokens;
    this.lineWeight = builder.lineWeight;
    this.hasher = Hashing.komihash5_0(seed);
    for (TokenKind kind : TokenKind.values()) {
      slotHash[kind.ordinal()] = hasher.hashCharsToLong("\u0000slot:" + kind.name());
    }
    for (int c = 0; c < 128; c++) {
      asciiHash[c] = hasher.hashCharsToLong(String.valueOf((char) c));
    }
    start = hasher.hashCharsToLong("\u0000start");
    end = hasher.hashCharsToLong("\u0000end");
    weights = new int[window];
    for (int i = 0; i < window; i++) {
      weights[i] = (int) Math.max(1, Math.round(2.0 * window / (i + window / 2.0)));
    }
  }

  /** The column offsets of the last automaton seen (see {@link #asciiColumns}). */
  private volatile AsciiColumns lastColumns = new AsciiColumns(null, null);

  private record AsciiColumns(CharAutomaton automaton, int[] offsets) {}

  /**
   * Per ASCII char, the offset of its column in {@code automaton}'s table (its class times the
   * stride, so a step is one add and one load), or null when an ASCII char has a sparse class;
   * remembered for the last automaton seen (a shingler serves one automaton, as a rule).
   */
  private int[] asciiColumns(CharAutomaton automaton) {
    if (automaton == NoAutomaton.INSTANCE) {
      return NoAutomaton.COLUMNS;
    }
    AsciiColumns last = lastColumns;
    if (last.automaton() == automaton) {
      return last.offsets();
    }
    short[] classes = automaton.classes();
    int[] offsets = new int[128];
    for (int c = 0; c < 128; c++) {
      if (classes[c] >= automaton.denseClasses()) {
        offsets = null;
        break;
      }
      offsets[c] = classes[c] * automaton.stride();
    }
    lastColumns = new AsciiColumns(automaton, offsets);
    return offsets;
  }

  /** A builder keyed by the deployment's secret seed. */
  public static Builder builder(long seed) {
    return new Builder(seed);
  }

  /** The seed the token hashes are keyed with. */
  public long seed() {
    return seed;
  }

  /** Tokens per end that make up the skeleton. */
  public int windowTokens() {
    return window;
  }

  /**
   * Lexes {@code prompt} into {@code out}: token stream, skeleton shingle hashes, content token
   * hashes. Previous contents of {@code out} are discarded.
   */
  public void shingle(CharSequence prompt, ShingleBuffer out) {
    shingle(prompt, out, null, null, 0);
  }

  /**
   * As {@link #shingle(CharSequence, ShingleBuffer)}, and in the same loop over the prompt's
   * chars steps {@code automaton} over them from its start state, adding one to {@code
   * counts[base + category]} for every position where a pattern of that category ends: a shared
   * pass that reads the text once for both (the automaton's table walk is a chain of dependent
   * loads, which the CPU overlaps with the lexer's work when both run in one loop).
   *
   * @param automaton the automaton to run alongside, or null for none
   * @param counts hit counts per category, written at {@code [base, base + 32)}; unused if
   *     {@code automaton} is null
   */
  public void shingle(CharSequence prompt, ShingleBuffer out, CharAutomaton automaton, int[] counts,
      int base) {
    out.reset();
    Lexer lexer = new Lexer(out, null);
    if (automaton == null) {
      lexer.run(prompt, NoAutomaton.INSTANCE, NoAutomaton.COUNTS, 0);
    } else {
      lexer.run(prompt, automaton, counts, base);
    }
    buildSkeleton(out);
    addLines(out);
  }

  /**
   * As {@link #shingle(CharSequence, ShingleBuffer)}, with every char on the lexer's general path:
   * the reference its fast loop is held to in tests.
   */
  void shingleOnTheGeneralPath(CharSequence prompt, ShingleBuffer out) {
    out.reset();
    Lexer lexer = new Lexer(out, null);
    lexer.generalOnly = true;
    lexer.run(prompt, NoAutomaton.INSTANCE, NoAutomaton.COUNTS, 0);
    buildSkeleton(out);
    addLines(out);
  }

  /**
   * The skeleton rendered as text, e.g. {@code "answer the following question : \n ‹…› "}; for
   * debugging and tests only (allocates).
   */
  public String skeletonText(CharSequence prompt) {
    ShingleBuffer buffer = new ShingleBuffer();
    List<String> rendered = new ArrayList<>();
    new Lexer(buffer, rendered).run(prompt, NoAutomaton.INSTANCE, NoAutomaton.COUNTS, 0);
    int n = rendered.size();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i == window && n > 2 * window) {
        sb.append("‹…› ");
        i = n - window;
      }
      sb.append(rendered.get(i)).append(' ');
    }
    return sb.toString().trim();
  }

  private void buildSkeleton(ShingleBuffer out) {
    int n = out.tokenCount;
    if (n == 0) {
      return;
    }
    long[] tokens = out.tokenHash;
    int h = Math.min(window, n);
    for (int i = 0; i < h; i++) {
      long next = i + 1 < n ? tokens[i + 1] : end;
      long next2 = i + 2 < n ? tokens[i + 2] : end;
      addWeighted(out, hasher.hashLongLongLongToLong(HEAD, tokens[i], next * 31 + next2), weights[i]);
    }
    for (int j = 0; j < h; j++) {
      int k = n - 1 - j;
      long previous = k > 0 ? tokens[k - 1] : start;
      long previous2 = k > 1 ? tokens[k - 2] : start;
      addWeighted(out, hasher.hashLongLongLongToLong(TAIL, previous * 31 + previous2, tokens[k]), weights[j]);
    }
  }

  /**
   * Line-anchored evidence: when the prompt has more than one line, its first and its last line
   * (after slotting) are each hashed whole and added with weight {@link Builder#lineWeight}.
   * Templates are line-structured (an instruction line, then the task; the task, then a format
   * line), as log lines are for Drain; unrelated prompts rarely share a whole line. Lines without
   * a word token (separators like {@code ---} or {@code {}) are skipped.
   */
  private void addLines(ShingleBuffer out) {
    if (lineWeight == 0) {
      return;
    }
    int firstBreak = out.firstNewline;
    int lastBreak = out.lastNewline;
    if (firstBreak < 0) {
      return;
    }
    int n = out.tokenCount;
    long[] tokens = out.tokenHash;
    byte[] kinds = out.tokenKind;
    byte word = TokenKind.WORD.code();
    addLine(out, tokens, kinds, word, 0, firstBreak, HEAD_LINE);
    addLine(out, tokens, kinds, word, lastBreak + 1, n, TAIL_LINE);
  }

  private void addLine(ShingleBuffer out, long[] tokens, byte[] kinds, byte word, int from, int to,
      long side) {
    long h = side;
    boolean hasWord = false;
    for (int i = from; i < to; i++) {
      h = mix(h * GOLDEN + tokens[i]);
      hasWord |= kinds[i] == word;
    }
    if (hasWord) {
      addWeighted(out, hasher.hashLongLongToLong(side, h), lineWeight);
    }
  }

  private static void addWeighted(ShingleBuffer out, long bigram, int weight) {
    int at = out.skeletonSize;
    long[] skeleton = out.skeletonCapacity(at + weight);
    skeleton[at] = bigram;
    // Independent replicas in a plain counted loop, which the JIT can vectorise.
    for (int r = 1; r < weight; r++) {
      skeleton[at + r] = mix(bigram + r * GOLDEN);
    }
    out.skeletonSize = at + weight;
  }

  /** Murmur3 fmix64: spreads a keyed hash into distinct replicas. */
  private static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }

  /** One-pass lexer: normalises, folds, slots and hashes tokens. */
  private final class Lexer {
    private final ShingleBuffer out;
    private final List<String> rendered; // null on the hot path
    private boolean generalOnly; // no fast loop (see shingleOnTheGeneralPath)
    // the automaton run alongside (see run)
    private CharAutomaton automaton;
    private short[] aClass;
    private char[] aTable;
    private int aDense;
    private int aStride;
    private int aHits;
    private int[] counts;
    private int base;

    private boolean wordHasLetter;
    private boolean wordHasDigit;
    private char pendingSeparator; // '.' or ',' after digits, waiting for the next char
    private int pendingBackticks;
    private boolean inFence;
    private int fenceBackticks;
    private byte skipUntilSpace = -1; // URL or EMAIL kind code while skipping, else -1
    private int quoteStart = -1;
    private char quoteChar;

    Lexer(ShingleBuffer out, List<String> rendered) {
      this.out = out;
      this.rendered = rendered;
    }

    /**
     * Lexes {@code text}, stepping {@code automaton} over every raw char exactly once as it goes
     * (the state stays in a local, so the JIT keeps it in a register).
     */
    void run(CharSequence text, CharAutomaton automaton, int[] counts, int base) {
      this.automaton = automaton;
      this.aClass = automaton.classes();
      this.aTable = automaton.table();
      this.aDense = automaton.denseClasses();
      this.aStride = automaton.stride();
      this.aHits = automaton.hitState();
      this.counts = counts;
      this.base = base;
      int state = automaton.start();
      // The fast loop neither renders tokens nor runs when a test asks for the general path.
      final int[] columns = generalOnly || rendered != null ? null : asciiColumns(automaton);
      int n = text.length();
      // One bulk copy (an intrinsic for String) so the loop reads a char[] without per-char
      // String bounds and coder checks.
      char[] prompt = out.input(n);
      if (text instanceof String) {
        ((String) text).getChars(0, n, prompt, 0);
      } else {
        for (int k = 0; k < n; k++) {
          prompt[k] = text.charAt(k);
        }
      }
      int i = 0;
      while (i < n) {
        char c = prompt[i];
        if (c < 128) {
          byte cls = ASCII_CLASS[c];
          // The common case: letters, spaces, punctuation and line breaks while no word, fence,
          // URL, quote-mark or number-separator state is pending.
          if (FAST[c] != 0 && columns != null && out.wordLength == 0
              && !inFence && skipUntilSpace < 0 && pendingBackticks == 0 && pendingSeparator == 0) {
            long r = words(prompt, i, n, state, columns);
            i = (int) (r >>> 32);
            state = (int) r;
            continue;
          }
          state = step(state, c);
          feed(ASCII_FOLD[c], cls);
          i++;
        } else {
          int to = i + 1;
          while (to < n && prompt[to] >= 128) {
            to++;
          }
          for (int k = i; k < to; k++) {
            state = step(state, prompt[k]);
          }
          i = feedNonAscii(prompt, to, i);
        }
      }
      finish();
    }

    /**
     * The common case, with the lexer's state in locals: words of up to 15 ASCII letters and the
     * spaces, punctuation and line breaks between them (see {@link #FAST}), from a char at {@code
     * i} with nothing pending, stepping the automaton over every char. It makes exactly the tokens
     * the general path makes of the same chars (a test holds it to {@link
     * #shingleOnTheGeneralPath}); what has a rule of its own (a 16th letter, digits, quote marks,
     * URLs) goes back to the general path. One flat loop with a branch per char class: a loop per
     * word inside a loop over words, with punctuation, line breaks and words of 9 letters or more
     * on the general path, cost ~0.8 µs more per 1 KB (measured), and calling {@link #flushWord}
     * from the loop made the JIT keep the automaton's state on the stack (measured).
     * Returns {@code (i << 32) | state} where the general path takes over, with the word read so
     * far open in the word buffer.
     */
    private long words(char[] prompt, int i, int n, int state, int[] columns) {
      final ShingleBuffer out = this.out;
      final char[] word = out.word;
      final char[] table = aTable;
      final int hits = aHits;
      final byte wordCode = TokenKind.WORD.code();
      final byte punctCode = TokenKind.PUNCT.code();
      final byte newlineCode = TokenKind.NEWLINE.code();
      final long newlineHash = slotHash[TokenKind.NEWLINE.ordinal()];
      long[] tokens = out.tokenHash;
      byte[] kinds = out.tokenKind;
      int tokenCount = out.tokenCount;
      long[] content = out.content;
      int contentSize = out.contentSize;
      int length = 0;
      while (i < n) {
        char c = prompt[i];
        if (c >= 128) {
          break;
        }
        byte fast = FAST[c];
        if (fast == FAST_LETTER) {
          if (length == 15) {
            break; // a 16th letter: the general path reads the rest of the word
          }
          word[length++] = ASCII_FOLD[c];
        } else {
          if (fast == 0) {
            break;
          }
          if ((c == ':' || c == '.') && length > 2) {
            out.wordLength = length;
            if (startsUrl(c)) {
              break;
            }
          }
          if (tokenCount + 2 > tokens.length || contentSize == content.length) {
            out.tokenCount = tokenCount;
            out.contentSize = contentSize;
            out.grow();
            tokens = out.tokenHash;
            kinds = out.tokenKind;
            content = out.content;
          }
          if (length > 0) {
            // hashWord's short case inline, on the local word array: 0.1 µs per 1 KB less (measured)
            long hash = length <= 8 ? hashShortWord(word, length) : hashWord(length);
            tokens[tokenCount] = hash;
            kinds[tokenCount++] = wordCode;
            content[contentSize++] = hash;
            length = 0;
          }
          if (fast == FAST_PUNCT) {
            tokens[tokenCount] = asciiHash[c];
            kinds[tokenCount++] = punctCode;
          } else if (fast == FAST_NEWLINE) {
            quoteStart = -1; // quotes do not span lines
            if (tokenCount == 0 || kinds[tokenCount - 1] != newlineCode) { // runs are one token
              if (out.firstNewline < 0) {
                out.firstNewline = tokenCount;
              }
              out.lastNewline = tokenCount;
              tokens[tokenCount] = newlineHash;
              kinds[tokenCount++] = newlineCode;
            }
          }
        }
        state = table[columns[c] + state];
        if (state >= hits) {
          hit(state);
        }
        i++;
      }
      out.tokenCount = tokenCount;
      out.contentSize = contentSize;
      out.wordLength = length; // a word that ends the prompt is flushed by finish()
      wordHasLetter = length > 0;
      wordHasDigit = false;
      return (long) i << 32 | state;
    }

    /** One automaton transition on a raw char, counting the hits; returns the next state. */
    private int step(int state, char c) {
      int k = aClass[c];
      int next = k < aDense ? aTable[k * aStride + state] : automaton.stepSparse(state, k);
      if (next >= aHits) {
        hit(next);
      }
      return next;
    }

    /** Counts the categories of a hit state (rare: off the hot loop). */
    private void hit(int state) {
      int m = automaton.mask(state);
      do {
        counts[base + Integer.numberOfTrailingZeros(m)]++;
        m &= m - 1;
      } while (m != 0);
    }

    /** Normalises the run {@code [from, to)} of non-ASCII chars; returns {@code to}. */
    private int feedNonAscii(char[] prompt, int to, int from) {
      int segmentStart = from;
      // A combining mark composes with the ASCII letter before it: take that letter back.
      if (from > 0
          && out.wordLength > 0
          && Character.getType(prompt[from]) == Character.NON_SPACING_MARK
          && prompt[from - 1] < 128) {
        out.wordLength--;
        segmentStart = from - 1;
      }
      if (segmentStart == from) {
        int inert = INERT;
        for (int k = from; k < to; k++) {
          inert &= bmp(prompt[k]);
        }
        if (inert != 0) { // already NFKC, as the Normalizer would find: fold and feed
          // No non-ASCII char sets a fence, URL, quote-mark or number-separator state, so when
          // none is pending a letter only extends the word (what feed would do, without the call).
          boolean plain = !inFence && skipUntilSpace < 0 && pendingBackticks == 0
              && pendingSeparator == 0;
          for (int k = from; k < to; k++) {
            int entry = bmp(prompt[k]);
            byte cls = (byte) ((entry >>> 16) & 7);
            if (plain && cls == LETTER) {
              out.appendWordChar((char) entry);
              wordHasLetter = true;
            } else {
              feed((char) entry, cls);
            }
          }
          return to;
        }
      }
      String segment = new String(prompt, segmentStart, to - segmentStart);
      if (!Normalizer.isNormalized(segment, Normalizer.Form.NFKC)) {
        segment = Normalizer.normalize(segment, Normalizer.Form.NFKC);
      }
      for (int k = 0; k < segment.length(); ) {
        int cp = segment.codePointAt(k);
        k += Character.charCount(cp);
        int folded = Character.toLowerCase(cp);
        byte cls = classOf(folded);
        if (Character.isBmpCodePoint(folded)) {
          feed((char) folded, cls);
        } else {
          feed(Character.highSurrogate(folded), cls);
          feed(Character.lowSurrogate(folded), cls);
        }
      }
      return to;
    }

    private void feed(char c, byte cls) {
      if (inFence) {
        if (c == '`') {
          if (++fenceBackticks == 3) {
            inFence = false;
            fenceBackticks = 0;
            addToken(TokenKind.CODE);
          }
        } else {
          fenceBackticks = 0;
        }
        return;
      }
      if (skipUntilSpace >= 0) {
        if (cls == SPACE || cls == NEWLINE) {
          TokenKind kind = TokenKind.ofCode(skipUntilSpace);
          skipUntilSpace = -1;
          addToken(kind);
        } else {
          return;
        }
      }
      if (c == '`') {
        flushSeparator();
        flushWord();
        pendingBackticks++;
        return;
      }
      if (pendingBackticks > 0) {
        int run = pendingBackticks;
        pendingBackticks = 0;
        if (run >= 3) {
          inFence = true;
          fenceBackticks = 0;
          feed(c, cls);
          return;
        }
        quote('`');
      }
      if (pendingSeparator != 0) {
        if (cls == DIGIT) {
          pendingSeparator = 0;
          out.appendWordChar(c);
          wordHasDigit = true;
          return;
        }
        char separator = pendingSeparator;
        pendingSeparator = 0;
        flushWord();
        punct(separator);
      }
      switch (cls) {
        case LETTER:
          out.appendWordChar(c);
          wordHasLetter = true;
          return;
        case DIGIT:
          out.appendWordChar(c);
          wordHasDigit = true;
          return;
        case SPACE:
          flushWord();
          return;
        case NEWLINE:
          flushWord();
          quoteStart = -1; // quotes do not span lines
          if (out.tokenCount == 0 || out.tokenKind[out.tokenCount - 1] != TokenKind.NEWLINE.code()) {
            if (out.firstNewline < 0) {
              out.firstNewline = out.tokenCount;
            }
            out.lastNewline = out.tokenCount;
            addToken(TokenKind.NEWLINE);
          }
          return;
        default:
          other(c);
      }
    }

    private void other(char c) {
      if ((c == '.' || c == ',') && out.wordLength > 0 && wordHasDigit && !wordHasLetter) {
        pendingSeparator = c;
        return;
      }
      if (out.wordLength > 0 && startsUrl(c)) {
        clearWord();
        skipUntilSpace = TokenKind.URL.code();
        return;
      }
      if (c == '@' && out.wordLength > 0) {
        clearWord();
        skipUntilSpace = TokenKind.EMAIL.code();
        return;
      }
      flushWord();
      if (c == '"' || c == '\u201C' || c == '\u201D') {
        quote('"');
        return;
      }
      punct(c);
    }

    /** Drops the word being read (it became a URL or an e-mail address). */
    private void clearWord() {
      out.wordLength = 0;
      wordHasLetter = false;
      wordHasDigit = false;
    }

    /** Whether {@code c} after the word being read starts a URL: "http:", "https:" or "www.". */
    private boolean startsUrl(char c) {
      return c == ':' && isWord("http", "https") || c == '.' && isWord("www", "www");
    }

    private boolean isWord(String a, String b) {
      return contentEquals(a) || contentEquals(b);
    }

    private boolean contentEquals(String s) {
      if (out.wordLength != s.length()) {
        return false;
      }
      for (int k = 0; k < s.length(); k++) {
        if (out.word[k] != s.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    /** Opens a quoted span, or closes it into one slot if it is short and on one line. */
    private void quote(char kind) {
      if (quoteStart >= 0 && quoteChar == kind) {
        int start = quoteStart;
        quoteStart = -1;
        if (out.tokenCount - start <= MAX_QUOTED_TOKENS) {
          out.tokenCount = start;
          if (rendered != null) {
            rendered.subList(start, rendered.size()).clear();
          }
          addToken(TokenKind.QUOTED);
        }
        return;
      }
      quoteStart = out.tokenCount;
      quoteChar = kind;
    }

    private void punct(char c) {
      long hash = c < 128 ? asciiHash[c] : hasher.hashIntToLong(c);
      out.addToken(hash, TokenKind.PUNCT.code());
      if (rendered != null) {
        rendered.add(String.valueOf(c));
      }
    }

    private void flushSeparator() {
      if (pendingSeparator != 0) {
        char separator = pendingSeparator;
        pendingSeparator = 0;
        flushWord();
        punct(separator);
      }
    }

    private void flushWord() {
      int length = out.wordLength;
      if (length == 0) {
        return;
      }
      TokenKind kind;
      if (!wordHasLetter) {
        kind = TokenKind.NUMBER;
      } else if (wordHasDigit) {
        boolean hexPrefix = length > 2 && out.word[0] == '0' && out.word[1] == 'x';
        if (hexPrefix || length >= 8) {
          kind = TokenKind.ID;
        } else if (out.word[0] >= '0' && out.word[0] <= '9') {
          kind = TokenKind.NUMBER; // 3rd, 100k, 5kg
        } else {
          kind = TokenKind.WORD; // gpt4, mp3
        }
      } else if (length >= 16 && allHexLetters(length)) {
        kind = TokenKind.ID;
      } else {
        kind = TokenKind.WORD;
      }
      if (kind == TokenKind.WORD) {
        long hash = hashWord(length);
        out.addToken(hash, TokenKind.WORD.code());
        out.addContent(hash);
        if (rendered != null) {
          rendered.add(out.wordView.toString());
        }
      } else {
        addToken(kind);
      }
      out.wordLength = 0;
      wordHasLetter = false;
      wordHasDigit = false;
    }

    private boolean allHexLetters(int length) {
      for (int k = 0; k < length; k++) {
        char c = out.word[k];
        if (c < 'a' || c > 'f') {
          return false;
        }
      }
      return true;
    }

    /**
     * Keyed hash of the word: words of up to 8 chars are packed injectively into two longs (16
     * bits per char, plus the length) and hashed with one hash4j call, longer words go through
     * {@code hashCharsToLong}. Either way the seed keys the result.
     */
    private long hashWord(int length) {
      if (length <= 8) {
        return hashShortWord(out.word, length);
      }
      out.wordLength = length; // the view's length (the fast loop keeps it in a local)
      return hasher.hashCharsToLong(out.wordView);
    }

    /**
     * The keyed hash of a word of 1 to 8 chars, packed 16 bits a char into two longs without a
     * branch per char: the first 8 slots of {@code w} are read whole (the word buffer always has
     * them) and the chars past the word's end masked off.
     */
    private long hashShortWord(char[] w, int length) {
      long lo = w[0] | (long) w[1] << 16 | (long) w[2] << 32 | (long) w[3] << 48;
      long hi = w[4] | (long) w[5] << 16 | (long) w[6] << 32 | (long) w[7] << 48;
      int inLo = Math.min(length, 4); // 1..4
      int inHi = length - inLo; // 0..4
      lo &= -1L >>> (64 - 16 * inLo);
      hi &= inHi == 0 ? 0L : -1L >>> (64 - 16 * inHi);
      return hasher.hashLongLongLongToLong(length, lo, hi);
    }

    private void addToken(TokenKind kind) {
      out.addToken(slotHash[kind.ordinal()], kind.code());
      if (rendered != null) {
        rendered.add(kind == TokenKind.NEWLINE
            ? "⏎" : "‹" + kind.name().toLowerCase(java.util.Locale.ROOT) + "›");
      }
    }

    private void finish() {
      if (inFence) {
        addToken(TokenKind.CODE);
        return;
      }
      if (skipUntilSpace >= 0) {
        TokenKind kind = TokenKind.ofCode(skipUntilSpace);
        addToken(kind);
        return;
      }
      flushSeparator();
      flushWord();
      if (pendingBackticks > 0) { // resolve as a following char would
        int run = pendingBackticks;
        pendingBackticks = 0;
        if (run >= 3) {
          addToken(TokenKind.CODE);
        } else {
          quote('`');
        }
      }
    }
  }

  /** The automaton of {@link #shingle(CharSequence, ShingleBuffer)}: one state, never a hit. */
  private static final class NoAutomaton implements CharAutomaton {
    static final NoAutomaton INSTANCE = new NoAutomaton();
    static final int[] COUNTS = new int[32];
    static final int[] COLUMNS = new int[128];
    private static final short[] CLASSES = new short[65536];
    private static final char[] TABLE = {0};

    @Override
    public short[] classes() {
      return CLASSES;
    }

    @Override
    public int denseClasses() {
      return 1;
    }

    @Override
    public char[] table() {
      return TABLE;
    }

    @Override
    public int stride() {
      return 1;
    }

    @Override
    public int start() {
      return 0;
    }

    @Override
    public int hitState() {
      return 1;
    }

    @Override
    public int mask(int state) {
      return 0;
    }

    @Override
    public int stepSparse(int state, int inputClass) {
      return 0;
    }
  }

  /** The class of a folded code point (see the BMP tables for the hot path). */
  private static byte classOf(int cp) {
    if (cp < 128) {
      return ASCII_CLASS[cp];
    }
    if (Character.isLetter(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
        || Character.getType(cp) == Character.COMBINING_SPACING_MARK) {
      return LETTER;
    }
    if (Character.isDigit(cp)) {
      return DIGIT;
    }
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
      return NEWLINE;
    }
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
        || Character.getType(cp) == Character.FORMAT) {
      return SPACE;
    }
    return OTHER;
  }

  /** Whether NFKC leaves BMP char {@code c} and its neighbours alone (for tests). */
  static boolean isInert(char c) {
    return (bmp(c) & INERT) != 0;
  }

  /** Immutable configuration of a {@link PromptShingler}. */
  public static final class Builder {
    private final long seed;
    private int windowTokens = 10;
    private int lineWeight = 90;

    private Builder(long seed) {
      this.seed = seed;
    }

    /** Tokens taken from each end of the prompt into the skeleton (default 10, at least 2). */
    public Builder windowTokens(int tokens) {
      if (tokens < 2 || tokens > 1024) {
        throw new IllegalArgumentException("windowTokens must be in [2, 1024]: " + tokens);
      }
      this.windowTokens = tokens;
      return this;
    }

    /**
     * Weight (replicas) of the whole first and last line of multi-line prompts (default 90; 0
     * disables line evidence).
     */
    public Builder lineWeight(int replicas) {
      if (replicas < 0 || replicas > 1024) {
        throw new IllegalArgumentException("lineWeight must be in [0, 1024]: " + replicas);
      }
      this.lineWeight = replicas;
      return this;
    }

    /** Builds the shingler. */
    public PromptShingler build() {
      return new PromptShingler(this);
    }
  }
}
