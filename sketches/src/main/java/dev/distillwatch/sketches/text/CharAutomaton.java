package dev.distillwatch.sketches.text;

/**
 * A deterministic automaton over raw chars, in the table form {@link PromptShingler} can step in
 * the same loop that lexes a prompt, so that a caller's char-level matching (phrase sets, for
 * one) costs no second pass over the text.
 *
 * <p>States are numbers below {@link #stride()} (at most 65,536), the table is stored column by
 * column: for an input class {@code c} below {@link #denseClasses()}, {@code table[c * stride() +
 * s]} is the next state from state {@code s}. The class comes from the char alone, so the multiply
 * stays off the chain of dependent loads; with the states most chars visit numbered first they
 * share cache lines in every column. Rarer classes go through {@link #stepSparse}. The states
 * where a pattern ends are those from {@link #hitState()} on, so that testing for a hit needs no
 * load; {@link #mask} gives their categories (at most 32). The arrays are the automaton's own:
 * callers only read them. Implementations are immutable and thread-safe; the per-run state (the
 * current state and the hit counts) belongs to the caller.
 */
public interface CharAutomaton {
  /** Input class of every raw char (65,536 entries); do not modify. */
  short[] classes();

  /** Number of input classes with a table column. */
  int denseClasses();

  /** The transition table, {@link #denseClasses()} columns of {@link #stride()} states; do not modify. */
  char[] table();

  /** The length of a table column: the number of states. */
  int stride();

  /** The start state. */
  int start();

  /** The first state where a pattern ends: every state at or after it is one. */
  int hitState();

  /** The bit mask of the categories whose patterns end in {@code state} ≥ {@link #hitState()}. */
  int mask(int state);

  /** The next state from {@code state} on an input class ≥ {@link #denseClasses()}. */
  int stepSparse(int state, int inputClass);
}
