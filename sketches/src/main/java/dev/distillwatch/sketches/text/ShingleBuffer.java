package dev.distillwatch.sketches.text;

import java.util.Arrays;

/**
 * Reusable, per-thread output of {@link PromptShingler#shingle}: the skeleton shingle hashes, the
 * content token hashes, and the token stream they were built from. Arrays grow on demand and are
 * then reused, so with a warmed-up buffer shingling an ASCII prompt allocates only one small lexer
 * object (non-ASCII runs allocate their NFKC string). Not thread-safe: keep one per thread (e.g.
 * in a {@code ThreadLocal}).
 */
public final class ShingleBuffer {
  // token stream (filled by the lexer)
  long[] tokenHash = new long[256];
  byte[] tokenKind = new byte[256];
  int tokenCount;
  // the indices of the first and the last NEWLINE token, or -1 (a quoted span, the only thing that
  // takes tokens back, never spans a line)
  int firstNewline = -1;
  int lastNewline = -1;

  // lexer scratch: the prompt's chars, and the chars of the word being read
  char[] input = new char[1024];
  char[] word = new char[64];
  int wordLength;
  final CharArrayView wordView = new CharArrayView();

  long[] skeleton = new long[128];
  int skeletonSize;
  long[] content = new long[256];
  int contentSize;

  /** Creates an empty buffer. */
  public ShingleBuffer() {}

  /** Skeleton shingle hashes; valid in {@code [0, skeletonSize())}. The array is reused. */
  public long[] skeleton() {
    return skeleton;
  }

  /** Number of valid skeleton shingle hashes (a multiset: replicated shingles carry weight). */
  public int skeletonSize() {
    return skeletonSize;
  }

  /** Content view: hashes of the word tokens, in order; valid in {@code [0, contentSize())}. */
  public long[] content() {
    return content;
  }

  /** Number of valid content token hashes. */
  public int contentSize() {
    return contentSize;
  }

  /** Number of tokens (words, punctuation, line breaks and slots) in the last prompt. */
  public int tokenCount() {
    return tokenCount;
  }

  /** Kind of token {@code i} of the last prompt. */
  public TokenKind tokenKind(int i) {
    return TokenKind.ofCode(tokenKind[i]);
  }

  /** Copies the skeleton hashes into a new array (convenience for tests; allocates). */
  public long[] skeletonCopy() {
    return Arrays.copyOf(skeleton, skeletonSize);
  }

  void reset() {
    tokenCount = 0;
    firstNewline = -1;
    lastNewline = -1;
    wordLength = 0;
    skeletonSize = 0;
    contentSize = 0;
  }

  char[] input(int length) {
    if (input.length < length) {
      input = new char[Math.max(length, input.length * 2)];
    }
    return input;
  }

  void addToken(long hash, byte kind) {
    if (tokenCount == tokenHash.length) {
      tokenHash = Arrays.copyOf(tokenHash, tokenCount * 2);
      tokenKind = Arrays.copyOf(tokenKind, tokenCount * 2);
    }
    tokenHash[tokenCount] = hash;
    tokenKind[tokenCount++] = kind;
  }

  /** Doubles the token and content arrays. */
  void grow() {
    tokenHash = Arrays.copyOf(tokenHash, tokenHash.length * 2);
    tokenKind = Arrays.copyOf(tokenKind, tokenKind.length * 2);
    content = Arrays.copyOf(content, content.length * 2);
  }

  void appendWordChar(char c) {
    if (wordLength == word.length) {
      word = Arrays.copyOf(word, wordLength * 2);
    }
    word[wordLength++] = c;
  }

  /** The skeleton array, grown to hold at least {@code length} hashes. */
  long[] skeletonCapacity(int length) {
    if (skeleton.length < length) {
      skeleton = Arrays.copyOf(skeleton, Math.max(length, skeleton.length * 2));
    }
    return skeleton;
  }

  void addContent(long hash) {
    if (contentSize == content.length) {
      content = Arrays.copyOf(content, contentSize * 2);
    }
    content[contentSize++] = hash;
  }

  /** A CharSequence over a prefix of the word array, so hash4j can hash it without a String. */
  final class CharArrayView implements CharSequence {
    @Override
    public int length() {
      return wordLength;
    }

    @Override
    public char charAt(int index) {
      return word[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(word, start, end - start);
    }

    @Override
    public String toString() {
      return new String(word, 0, wordLength);
    }
  }
}
