package dev.distillwatch.detectors.domain;

/**
 * Turns a prompt into hashed feature buckets in one pass over its characters: no regular
 * expression, no {@code String} per token, one small buffer.
 *
 * <p>Features, each hashed with a seeded one-multiplication (Fibonacci) hash into {@code 2^bits}
 * buckets:
 *
 * <ul>
 *   <li><b>words</b> — maximal runs of letters, digits and {@code _}, case-folded, every digit
 *       folded to {@code 0} (so {@code 17} and {@code 42} are the same word {@code 00}); each word
 *       as a unigram and as a bigram with the word before it (the first word pairs with a
 *       beginning-of-text mark, which catches imperative openers: "write", "solve");
 *   <li><b>character 4-grams</b> over the folded text with whitespace runs collapsed — by
 *       default only those that end in a digit or a symbol ({@code ```}, {@code ();}, {@code
 *       $\f}, {@code 0 + 0}), which carry the structure of code and formulas while plain prose is
 *       left to the word features (a quarter of the cost of every 4-gram);
 *       4-grams ending in a non-ASCII letter are emitted too (subwords of other scripts), and every
 *       ideograph, kana or Hangul syllable is a word of its own (those scripts have no spaces);
 *   <li><b>shape</b> — binned shares and counts computed along the way: length, digits,
 *       operators, code punctuation, backslashes and dollars (LaTeX), newlines, upper case,
 *       question marks, code fences;
 *   <li><b>tools</b> — a structure feature the caller sets when the exchange defines or uses
 *       tools (see {@link Pass#tools()}).
 * </ul>
 *
 * <p>The pass is exposed as a {@link Pass} so that a future shared per-request text pass can
 * drive it one character at a time, alongside its own work; a caller that already splits words
 * with the same folding ({@link #fold(char)}, {@link #extendWord(long, char)}) can instead
 * switch word finding off and hand in the word hashes with {@link Pass#word(long)}.
 *
 * <p>The hashing seed is part of the trained model (the weights are only meaningful for the seed
 * they were trained with), so it is fixed by the model resource, not by the deployment secret:
 * a crafted collision can at worst nudge one request's domain, which the per-account detector
 * averages away.
 */
public final class DomainFeaturizer {

  /** Receives one feature bucket at a time. */
  @FunctionalInterface
  public interface Sink {
    void feature(int bucket);

    /** Receives {@code count} buckets at once (the one-shot path hands them in blocks). */
    default void features(int[] buckets, int count) {
      for (int i = 0; i < count; i++) {
        feature(buckets[i]);
      }
    }
  }

  /** The one-shot path's buffer: buckets are handed to the sink in blocks of at most this many. */
  private static final int BLOCK = 512;

  /** Which character 4-grams are features. */
  public enum CharGrams {
    /** None: words and shape only. */
    NONE,
    /** Those whose last character is a digit, a symbol or a non-ASCII letter (the default). */
    SYMBOLIC,
    /** Every 4-gram. */
    ALL
  }

  private static final long WORD_SALT = 0x5851F42D4C957F2DL;
  private static final long BIGRAM_SALT = 0x14057B7EF767814FL;
  private static final long GRAM_SALT = 0x2545F4914F6CDD1DL;
  private static final long SHAPE_SALT = 0x9E3779B97F4A7C15L;
  private static final long BEGIN = 0x7A3C5E1F00000001L;
  private static final long WORD_MULTIPLIER = 0xBF58476D1CE4E5B9L;

  /** Character classes of ASCII, a bit set of the flags below. */
  private static final int[] ASCII_CLASS = new int[128];
  private static final int WORD = 1;
  private static final int SYMBOL = 2;
  private static final int OPERATOR = 4;
  private static final int CODE = 8;
  private static final int SINGLE = 16;
  private static final int DIGIT = 32;
  private static final int UPPER = 64;
  /** Newline, question mark, backslash, dollar, backtick: counted in a rarely taken branch. */
  private static final int RARE = 128;
  private static final char[] ASCII_FOLD = new char[128];
  /** From here on (CJK radicals, kana, ideographs, Hangul), a letter is a word of its own. */
  private static final char IDEOGRAPHIC = '\u2E80';

  static {
    for (int c = 0; c < 128; c++) {
      int k = 0;
      if (Character.isLetterOrDigit(c) || c == '_') {
        k |= WORD;
      }
      if (c > ' ' && c < 127 && !Character.isLetter(c)) {
        k |= SYMBOL; // digits count as symbols for 4-grams: numbers are structure
      }
      if ("+-*/=^<>%".indexOf(c) >= 0) {
        k |= OPERATOR;
      }
      if ("{}[]();".indexOf(c) >= 0) {
        k |= CODE;
      }
      if (c >= '0' && c <= '9') {
        k |= DIGIT;
      }
      if (c >= 'A' && c <= 'Z') {
        k |= UPPER;
      }
      if ("\n?\\$`".indexOf(c) >= 0) {
        k |= RARE;
      }
      ASCII_CLASS[c] = k;
      ASCII_FOLD[c] = fold((char) c);
    }
  }

  private final long seed;
  private final int shift;
  private final CharGrams charGrams;

  /**
   * A featuriser.
   *
   * @param seed the hashing seed the model was trained with
   * @param bits log2 of the number of buckets, in [8, 24]
   * @param charGrams which character 4-grams to emit
   */
  public DomainFeaturizer(long seed, int bits, CharGrams charGrams) {
    if (bits < 8 || bits > 24) {
      throw new IllegalArgumentException("bits must be in [8, 24], was " + bits);
    }
    this.seed = seed;
    this.shift = 64 - bits;
    this.charGrams = charGrams;
  }

  /** The number of buckets. */
  public int buckets() {
    return 1 << (64 - shift);
  }

  public long seed() {
    return seed;
  }

  public CharGrams charGrams() {
    return charGrams;
  }

  /**
   * Feeds every feature of {@code text} (at most its first {@code maximumChars} characters) to
   * {@code sink}.
   *
   * @return how many features were emitted
   */
  public int featurize(CharSequence text, int maximumChars, Sink sink) {
    return featurize(text, maximumChars, false, sink);
  }

  /**
   * As {@link #featurize(CharSequence, int, Sink)}, plus the structure feature "tools are defined
   * or used" when {@code tools} is set (see {@link Pass#tools()}).
   */
  public int featurize(CharSequence text, int maximumChars, boolean tools, Sink sink) {
    // The same features as a Pass fed every character (a test holds them equal), written as one
    // loop over local variables so that the JIT keeps the state in registers, and buffering the
    // buckets so that the sink takes them in blocks (a scorer then sums them in a tight loop of
    // local accumulators). (A branch-free variant that always computes the candidate features
    // and advances the buffer index only for real ones was twice as slow.)
    final int[] out = new int[BLOCK];
    int e = 0;
    final int[] cls = ASCII_CLASS;
    final char[] foldTable = ASCII_FOLD;
    final boolean grams = charGrams != CharGrams.NONE;
    final boolean allGrams = charGrams == CharGrams.ALL;
    int emitted = 0;
    long word = 0;
    int wordLength = 0;
    long previousWord = BEGIN;
    long window = 0;
    int windowLength = 0;
    char lastFolded = ' ';
    int backticks = 0;
    int digits = 0;
    int uppers = 0;
    int operators = 0;
    int code = 0;
    int latex = 0;
    int newlines = 0;
    int questions = 0;
    int fences = 0;
    int words = 0;
    if (tools) {
      emitted++;
      out[e++] = shapeBucket(15, 1);
    }
    final int n = Math.min(text.length(), maximumChars);
    for (int i = 0; i < n; i++) {
      if (e > BLOCK - 8) { // at most 5 features per character
        sink.features(out, e);
        e = 0;
      }
      char c = text.charAt(i);
      int k;
      char f;
      if (c < 128) {
        k = cls[c];
        f = foldTable[c];
        digits += (k >>> 5) & 1;
        uppers += (k >>> 6) & 1;
        operators += (k >>> 2) & 1;
        code += (k >>> 3) & 1;
        if ((k & RARE) != 0) {
          if (c == '\n') {
            newlines++;
          } else if (c == '?') {
            questions++;
          } else if (c == '`') {
            if (++backticks == 3) {
              fences++;
            }
          } else {
            latex++;
          }
        }
        if (c != '`') {
          backticks = 0;
        }
      } else {
        k = Character.isLetterOrDigit(c) ? (c >= IDEOGRAPHIC ? WORD | SYMBOL | SINGLE : WORD | SYMBOL) : 0;
        f = fold(c);
        backticks = 0;
      }
      if ((k & WORD) != 0 && (k & SINGLE) == 0) {
        word = 31 * word + f;
        wordLength++;
      } else if (wordLength > 0 || (k & SINGLE) != 0) {
        if (wordLength > 0) {
          words++;
          emitted += 2;
          out[e++] = bucket(word ^ WORD_SALT);
          out[e++] = bucket((previousWord * WORD_MULTIPLIER) ^ word ^ BIGRAM_SALT);
          previousWord = word;
          word = 0;
          wordLength = 0;
        }
        if ((k & SINGLE) != 0) {
          long single = f;
          words++;
          emitted += 2;
          out[e++] = bucket(single ^ WORD_SALT);
          out[e++] = bucket((previousWord * WORD_MULTIPLIER) ^ single ^ BIGRAM_SALT);
          previousWord = single;
        }
      }
      if (grams) {
        if ((f == ' ' || f == '\n') && f == lastFolded) {
          continue;
        }
        lastFolded = f;
        window = (window << 16) | f;
        if (++windowLength >= 4 && (allGrams || (k & SYMBOL) != 0)) {
          emitted++;
          out[e++] = bucket(window ^ GRAM_SALT);
        }
      }
    }
    if (e > BLOCK - 16) { // the last word and the shape features
      sink.features(out, e);
      e = 0;
    }
    if (wordLength > 0) {
      words++;
      emitted += 2;
      out[e++] = bucket(word ^ WORD_SALT);
      out[e++] = bucket((previousWord * WORD_MULTIPLIER) ^ word ^ BIGRAM_SALT);
    }
    int total = Math.max(1, n);
    out[e++] = shapeBucket(0, log2Bin(n));
    out[e++] = shapeBucket(1, shareBin(digits, total));
    out[e++] = shapeBucket(2, shareBin(operators, total));
    out[e++] = shapeBucket(3, shareBin(code, total));
    out[e++] = shapeBucket(4, shareBin(latex, total));
    out[e++] = shapeBucket(5, log2Bin(newlines));
    out[e++] = shapeBucket(6, shareBin(uppers, total));
    out[e++] = shapeBucket(7, Math.min(questions, 4));
    out[e++] = shapeBucket(8, Math.min(fences, 4));
    out[e++] = shapeBucket(9, log2Bin(words));
    sink.features(out, e);
    return emitted + 10;
  }

  private int shapeBucket(int feature, int bin) {
    return bucket(((long) feature << 8 | bin) * SHAPE_SALT);
  }

  /** Starts a pass that emits to {@code sink}; see {@link Pass}. */
  public Pass begin(Sink sink, boolean findWords) {
    return new Pass(sink, findWords);
  }

  /**
   * The folded form of a character: ASCII letters lower-cased, every decimal digit {@code 0},
   * tabs and carriage returns as spaces; other letters lower-cased; the rest unchanged.
   */
  public static char fold(char c) {
    if (c < 128) {
      if (c >= 'A' && c <= 'Z') {
        return (char) (c + 32);
      }
      if (c >= '0' && c <= '9') {
        return '0';
      }
      if (c == '\t' || c == '\r') {
        return ' ';
      }
      return c;
    }
    if (Character.isDigit(c)) {
      return '0';
    }
    return Character.isUpperCase(c) ? Character.toLowerCase(c) : c;
  }

  /** Whether a character belongs to a word (letters, digits, {@code _}). */
  public static boolean isWordChar(char c) {
    return c < 128 ? (ASCII_CLASS[c] & WORD) != 0 : Character.isLetterOrDigit(c);
  }

  /**
   * The hash of a word after appending the folded character {@code folded}; words start at 0.
   * A polynomial hash ({@code 31 h + c}): its loop-carried dependency is a shift, a subtraction
   * and an addition, where a full multiplication per character would bound the whole pass at
   * its latency; the bucket hash mixes it afterwards.
   */
  public static long extendWord(long hash, char folded) {
    return 31 * hash + folded;
  }

  private int bucket(long h) {
    // Fibonacci hashing of the seeded value: one multiplication, the top bits index the bucket.
    // Word hashes are already mixed by a multiplication per character; the packed 4-gram
    // window is spread by the carries of this one. (A full 64-bit finaliser cost a third more
    // per request for no measurable gain in F1.)
    return (int) (((h ^ seed) * 0x9E3779B97F4A7C15L) >>> shift);
  }

  /**
   * One pass over one text: call {@link #accept(char)} for each character in order (or {@link
   * #word(long)} for words found elsewhere), then {@link #finish()} once. Not thread-safe; cheap
   * to create.
   */
  public final class Pass {
    private final Sink sink;
    private final boolean findWords;
    private int emitted;
    private long word;
    private int wordLength;
    private long previousWord = BEGIN;
    private long window;
    private int windowLength;
    private char lastFolded = ' ';
    private int backticks;
    // shape counters
    private int chars;
    private int digits;
    private int uppers;
    private int operators;
    private int code;
    private int latex;
    private int newlines;
    private int questions;
    private int fences;
    private int words;

    private Pass(Sink sink, boolean findWords) {
      this.sink = sink;
      this.findWords = findWords;
    }

    /** Feeds the next character of the text. */
    public void accept(char c) {
      chars++;
      int k;
      if (c < 128) {
        k = ASCII_CLASS[c];
        if (c >= 'A' && c <= 'Z') {
          uppers++;
        } else if (c >= '0' && c <= '9') {
          digits++;
        } else if (c == '\n') {
          newlines++;
        } else if (c == '?') {
          questions++;
        } else if (c == '\\' || c == '$') {
          latex++;
        }
        if ((k & OPERATOR) != 0) {
          operators++;
        } else if ((k & CODE) != 0) {
          code++;
        }
        if (c == '`') {
          if (++backticks == 3) {
            fences++;
          }
        } else {
          backticks = 0;
        }
      } else {
        // Non-ASCII letters: words as usual, and their 4-grams are emitted too (subwords of
        // scripts the training data has little of); ideographs and kana are one word each.
        k = Character.isLetterOrDigit(c) ? (c >= IDEOGRAPHIC ? WORD | SYMBOL | SINGLE : WORD | SYMBOL) : 0;
        backticks = 0;
      }
      char f = fold(c);
      if (findWords) {
        if ((k & SINGLE) != 0) {
          if (wordLength > 0) {
            endWord();
          }
          word(extendWord(0, f));
        } else if ((k & WORD) != 0) {
          word = extendWord(word, f);
          wordLength++;
        } else if (wordLength > 0) {
          endWord();
        }
      }
      if (charGrams != CharGrams.NONE) {
        if ((f == ' ' || f == '\n') && f == lastFolded) {
          return; // whitespace runs count once
        }
        lastFolded = f;
        window = (window << 16) | f;
        if (++windowLength >= 4 && (charGrams == CharGrams.ALL || (k & SYMBOL) != 0)) {
          emit(bucket(window ^ GRAM_SALT));
        }
      }
    }

    /** Feeds one word hash, for a caller that splits words itself (see {@link #extendWord}). */
    public void word(long hash) {
      words++;
      emit(bucket(hash ^ WORD_SALT));
      emit(bucket((previousWord * WORD_MULTIPLIER) ^ hash ^ BIGRAM_SALT));
      previousWord = hash;
    }

    private void endWord() {
      word(word);
      word = 0;
      wordLength = 0;
    }

    private void emit(int bucket) {
      emitted++;
      sink.feature(bucket);
    }

    /**
     * Emits the structure feature "the exchange defines or uses tools" (tool definitions in the
     * parameters, tool messages, tool-call blocks), which text alone cannot show. Training sets
     * it on half of the agentic rows, so the model learns it as strong evidence without
     * unlearning the agentic wording.
     */
    public void tools() {
      shape(15, 1);
    }

    /** Emits the last word and the shape features; returns how many features were emitted. */
    public int finish() {
      if (wordLength > 0) {
        endWord();
      }
      int n = Math.max(1, chars);
      shape(0, log2Bin(chars));
      shape(1, shareBin(digits, n));
      shape(2, shareBin(operators, n));
      shape(3, shareBin(code, n));
      shape(4, shareBin(latex, n));
      shape(5, log2Bin(newlines));
      shape(6, shareBin(uppers, n));
      shape(7, Math.min(questions, 4));
      shape(8, Math.min(fences, 4));
      shape(9, log2Bin(words));
      return emitted;
    }

    private void shape(int feature, int bin) {
      emit(shapeBucket(feature, bin));
    }
  }

  private static int log2Bin(int count) {
    return 32 - Integer.numberOfLeadingZeros(count);
  }

  /** Bins a share: 0, <0.5%, <1%, <2%, <5%, <10%, <20%, <40%, more. */
  private static int shareBin(int count, int total) {
    if (count == 0) {
      return 0;
    }
    int permille = (int) (1000L * count / total);
    if (permille < 5) {
      return 1;
    } else if (permille < 10) {
      return 2;
    } else if (permille < 20) {
      return 3;
    } else if (permille < 50) {
      return 4;
    } else if (permille < 100) {
      return 5;
    } else if (permille < 200) {
      return 6;
    } else if (permille < 400) {
      return 7;
    }
    return 8;
  }
}
