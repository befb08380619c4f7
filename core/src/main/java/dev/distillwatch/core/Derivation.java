package dev.distillwatch.core;

/**
 * Something computed from an exchange once and shared by every detector that needs it, such as
 * the one pass over the prompt's text that yields shingles, n-grams and phrase matches.
 *
 * <p>A derivation is its own cache key (by identity): keep one instance per kind of result, as a
 * constant, and obtain results through {@link Exchange#derived(Derivation)}. It must be a pure
 * function of the exchange and must not retain the exchange or its text.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface Derivation<T> {

  /** Computes the result for this exchange. */
  T derive(Exchange exchange);
}
