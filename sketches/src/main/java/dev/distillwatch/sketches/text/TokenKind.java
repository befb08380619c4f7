package dev.distillwatch.sketches.text;

/**
 * What a token of a normalised prompt is. Every kind except {@link #WORD} and {@link #PUNCT} is a
 * <em>slot</em>: the variable part of a prompt, replaced by the kind itself in the skeleton view.
 */
public enum TokenKind {
  /** A run of letters (and letters mixed with a few digits, e.g. {@code gpt4}). */
  WORD,
  /** One punctuation or symbol character. */
  PUNCT,
  /** A run of line breaks (paragraph structure is part of a template). */
  NEWLINE,
  /** A number, including decimals and digit groups. */
  NUMBER,
  /** A span in double quotes or single backticks (at most a few dozen tokens, one line). */
  QUOTED,
  /** A fenced code block ({@code ```...```}). */
  CODE,
  /** An http(s) or www URL. */
  URL,
  /** An e-mail address. */
  EMAIL,
  /** A long alphanumeric or hex identifier (hashes, UUID parts, {@code 0x...}). */
  ID;

  private static final TokenKind[] VALUES = values();

  byte code() {
    return (byte) ordinal();
  }

  static TokenKind ofCode(byte code) {
    return VALUES[code];
  }

  /** Whether this kind is a slot (a variable part) rather than literal template text. */
  public boolean isSlot() {
    return this != WORD && this != PUNCT && this != NEWLINE;
  }
}
