package dev.distillwatch.sketches.text;

/**
 * A deterministic automaton over raw chars, in the table form {@link PromptShingler} can step in
 * the same loop that lexes a prompt, so that a caller's char-level matching (phrase sets, for
 * one) costs no second pass over the text.
 *
 * <p>States are row offsets into {@link #table()}: for an input class {@code c} below {@link
 * #denseClasses()}, {@code table[row + c]} is the row of the next state. Rarer classes go through
 * {@link #stepSparse}. The states where a pattern ends are the rows from {@link #hitRow()} on, so
 * that testing for a hit needs no load; {@link #mask} gives the categories (at most 32) of such a
 * row. The arrays are the automaton's own: callers only read them. Implementations are immutable
 * and thread-safe; the per-run state (the current row and the hit counts) belongs to the caller.
 */
public interface CharAutomaton {
  /** Input class of every raw char (65,536 entries); do not modify. */
  short[] classes();

  /** Number of input classes with a table column. */
  int denseClasses();

  /** The transition table, rows of {@link #denseClasses()} ints; do not modify. */
  int[] table();

  /** The row of the start state. */
  int start();

  /** The first row of a state where a pattern ends: every row at or after it is one. */
  int hitRow();

  /** The bit mask of the categories whose patterns end in the state of {@code row} ≥ {@link #hitRow()}. */
  int mask(int row);

  /** The row of the next state from {@code row} on an input class ≥ {@link #denseClasses()}. */
  int stepSparse(int row, int inputClass);
}
