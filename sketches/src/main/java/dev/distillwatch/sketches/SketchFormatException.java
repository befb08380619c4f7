package dev.distillwatch.sketches;

/**
 * Thrown when bytes handed to a {@code fromByteArray}/{@code heapify} method are not a valid
 * serialised sketch: wrong magic, unknown family or version, truncated payload, or values that
 * violate the structure's invariants. The message always says which field is wrong and where.
 */
public final class SketchFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message naming the offending field. */
  public SketchFormatException(String message) {
    super(message);
  }

  /** Creates an exception wrapping the cause reported by an underlying library. */
  public SketchFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
