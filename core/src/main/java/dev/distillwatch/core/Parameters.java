package dev.distillwatch.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The request parameters as sent ({@code temperature}, {@code max_tokens}, {@code logit_bias},
 * {@code tools}, ...), with typed accessors for the ones detectors read and the raw map for the
 * rest.
 *
 * <p>Typed values are read tolerantly: a value of an unexpected type reads as absent from its
 * typed accessor but stays in {@link #raw()}.
 */
public final class Parameters {
  private static final Parameters NONE = new Parameters(Map.of());

  private final Map<String, Object> raw;
  private final double temperature;
  private final double topP;
  private final int maxTokens;
  private final int n;
  private final int topLogprobs;
  private final int logitBiasSize;
  private final int toolCount;
  private final boolean logprobs;
  private final boolean stream;
  private final List<String> stop;

  private Parameters(Map<String, Object> raw) {
    this.raw = raw;
    this.temperature = number(raw.get("temperature"));
    this.topP = number(raw.get("top_p"));
    this.maxTokens = integer(raw.get("max_tokens"), raw.get("max_completion_tokens"));
    this.n = integer(raw.get("n"), null);
    this.topLogprobs = integer(raw.get("top_logprobs"), null);
    this.logitBiasSize = size(raw.get("logit_bias"));
    this.toolCount = size(raw.get("tools"));
    Object lp = raw.get("logprobs");
    this.logprobs = Boolean.TRUE.equals(lp) || (lp instanceof Number && ((Number) lp).intValue() > 0);
    this.stream = Boolean.TRUE.equals(raw.get("stream"));
    this.stop = stopSequences(raw.get("stop"));
  }

  /** No parameters. */
  public static Parameters none() {
    return NONE;
  }

  /**
   * Parameters read from the raw map as sent (JSON values as Java objects: {@link Number},
   * {@link Boolean}, {@link String}, {@link List}, {@link Map}). The map is copied.
   */
  public static Parameters of(Map<String, ?> raw) {
    if (raw == null || raw.isEmpty()) {
      return NONE;
    }
    return new Parameters(Collections.unmodifiableMap(new LinkedHashMap<>(raw)));
  }

  /** Every parameter as sent, unmodifiable. */
  public Map<String, Object> raw() {
    return raw;
  }

  public OptionalDouble temperature() {
    return Double.isNaN(temperature) ? OptionalDouble.empty() : OptionalDouble.of(temperature);
  }

  public OptionalDouble topP() {
    return Double.isNaN(topP) ? OptionalDouble.empty() : OptionalDouble.of(topP);
  }

  /** {@code max_tokens}, or {@code max_completion_tokens} where that is what was sent. */
  public OptionalInt maxTokens() {
    return maxTokens < 0 ? OptionalInt.empty() : OptionalInt.of(maxTokens);
  }

  /** How many completions were asked for ({@code n}). */
  public OptionalInt n() {
    return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
  }

  /** Whether token log-probabilities were asked for. */
  public boolean logprobs() {
    return logprobs;
  }

  public OptionalInt topLogprobs() {
    return topLogprobs < 0 ? OptionalInt.empty() : OptionalInt.of(topLogprobs);
  }

  /** How many tokens {@code logit_bias} biases; 0 when absent. */
  public int logitBiasSize() {
    return logitBiasSize;
  }

  /** Whether tool (function) definitions were sent. */
  public boolean toolsPresent() {
    return toolCount > 0;
  }

  /** How many tool definitions were sent; 0 when absent. */
  public int toolCount() {
    return toolCount;
  }

  public boolean stream() {
    return stream;
  }

  /** The stop sequences; empty when absent. */
  public List<String> stop() {
    return stop;
  }

  private static double number(Object value) {
    return value instanceof Number ? ((Number) value).doubleValue() : Double.NaN;
  }

  private static int integer(Object value, Object fallback) {
    Object v = value != null ? value : fallback;
    if (v instanceof Number) {
      long l = ((Number) v).longValue();
      return l < 0 ? -1 : (int) Math.min(l, Integer.MAX_VALUE);
    }
    return -1;
  }

  private static int size(Object value) {
    if (value instanceof Map) {
      return ((Map<?, ?>) value).size();
    }
    if (value instanceof List) {
      return ((List<?>) value).size();
    }
    return 0;
  }

  private static List<String> stopSequences(Object value) {
    if (value instanceof String) {
      return List.of((String) value);
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      String[] out = new String[list.size()];
      int k = 0;
      for (Object o : list) {
        if (o instanceof String) {
          out[k++] = (String) o;
        }
      }
      return List.of(java.util.Arrays.copyOf(out, k));
    }
    return List.of();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Parameters && raw.equals(((Parameters) o).raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return "Parameters" + raw.keySet();
  }
}
