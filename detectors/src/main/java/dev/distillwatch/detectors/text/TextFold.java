package dev.distillwatch.detectors.text;

import java.text.Normalizer;

/**
 * The character folding applied on the fly while matching, one table look-up per char: the same
 * function normalises the phrases when a matcher is built and the text while it is scanned, so
 * the two always agree.
 *
 * <ul>
 *   <li>case: {@link Character#toLowerCase(char)} (Latin, Cyrillic, Greek, ...);
 *   <li>width: full-width ASCII forms (U+FF01..U+FF5E) to ASCII, the ideographic space to a
 *       space;
 *   <li>whitespace and most punctuation (. , ; : ! ? quotes, dashes, brackets ( ) and CJK
 *       punctuation) to a separator, so "step-by-step", "step by step" and "step\n by  step" are
 *       one phrase; runs of separators are collapsed by the matcher. Kept as themselves because
 *       phrases use them as markup: {@code # < > / [ ] + = % $ @ &};
 *   <li>diacritics of Latin letters removed ("muéstrame" = "muestrame"), Cyrillic "ё" = "е";
 *   <li>Arabic: harakat and tatweel ignored, alef forms (آ أ إ) to ا, alef maqsura ى to ي;
 *   <li>zero-width characters and the soft hyphen ignored.
 * </ul>
 */
public final class TextFold {
  /** A char the matcher skips as if it were not there. */
  public static final char IGNORED = '\0';
  /** The separator every whitespace and most punctuation folds to. */
  public static final char SEPARATOR = ' ';

  private static final char[] TABLE = build();
  private static final String KEPT_PUNCTUATION = "#<>/[]+=%$@&";

  private TextFold() {}

  /** The folded form of one char: {@link #IGNORED}, {@link #SEPARATOR} or a char to match. */
  public static char fold(char c) {
    return TABLE[c];
  }

  /**
   * A string folded char by char, separators collapsed and trimmed: what a phrase becomes in the
   * automaton. Not for the hot path (it allocates); the matcher folds on the fly.
   */
  public static String fold(CharSequence s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean separator = true;
    for (int i = 0; i < s.length(); i++) {
      char f = TABLE[s.charAt(i)];
      if (f == IGNORED) {
        continue;
      }
      if (f == SEPARATOR) {
        if (!separator) {
          b.append(SEPARATOR);
        }
        separator = true;
      } else {
        b.append(f);
        separator = false;
      }
    }
    int end = b.length();
    while (end > 0 && b.charAt(end - 1) == SEPARATOR) {
      end--;
    }
    return b.substring(0, end);
  }

  private static char[] build() {
    char[] t = new char[65536];
    for (int i = 0; i < t.length; i++) {
      t[i] = foldOne((char) i);
    }
    return t;
  }

  private static char foldOne(char c) {
    if (c >= 0xFF01 && c <= 0xFF5E) { // full-width ASCII forms
      c = (char) (c - 0xFEE0);
    }
    if (c == 0) {
      return SEPARATOR;
    }
    if (c == 0x00AD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF) {
      return IGNORED; // soft hyphen, zero-width space/joiners, direction marks, BOM
    }
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640) {
      return IGNORED; // Arabic harakat, superscript alef, tatweel
    }
    if (c == 0x0622 || c == 0x0623 || c == 0x0625) {
      return 0x0627;
    }
    if (c == 0x0649) {
      return 0x064A;
    }
    if (c < 128) {
      if (c >= 'A' && c <= 'Z') {
        return (char) (c + 32);
      }
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        return c;
      }
      if (KEPT_PUNCTUATION.indexOf(c) >= 0) {
        return c;
      }
      return SEPARATOR; // whitespace, controls and the rest of ASCII punctuation
    }
    if (c == 0x3010) {
      return '[';
    }
    if (c == 0x3011) {
      return ']';
    }
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return SEPARATOR;
    }
    int type = Character.getType(c);
    switch (type) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
      case Character.CONTROL:
        return SEPARATOR;
      default:
        break;
    }
    if (c == 'ё' || c == 'Ё') {
      return 'е';
    }
    char lower = Character.toLowerCase(c);
    if (lower >= 0x00C0 && lower <= 0x024F) {
      String d = Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD);
      char base = d.charAt(0);
      if (base < 128 && Character.isLetter(base)) {
        return Character.toLowerCase(base);
      }
    }
    return lower;
  }
}
