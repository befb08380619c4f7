package dev.distillwatch.detectors.parameters;

/** Per-request parameter patterns of extraction tooling, with their default weights. */
public enum ProbeFlag {
  /**
   * Log-probabilities asked for with at most a couple of output tokens: reading the model's
   * next-token distribution rather than its answer (also what multiple-choice evaluation
   * harnesses do, hence not 1 on its own in the account score).
   */
  LOGPROBS_SHORT("logprobs with short max_tokens", 1.0),
  /** {@code logit_bias} over many tokens, or ±100 biases on many: steering or probing the vocabulary. */
  WIDE_LOGIT_BIAS("wide logit_bias", 1.0),
  /** {@code top_logprobs} at the API's maximum. */
  TOP_LOGPROBS_MAX("top_logprobs at max", 0.5),
  /** Several completions per request at a sampling temperature: harvesting diverse samples. */
  N_SAMPLES("n>1 sampled", 0.4),
  /**
   * Stop sequences or decoding parameters of known data-generation recipes: numeric list
   * terminators ({@code "\n20"}, {@code "20."}, {@code "16 ."} of Alpaca and self-instruct), or
   * self-instruct's {@code presence_penalty} 2 with {@code top_p} 0.5.
   */
  RECIPE_DECODING("recipe stop/decoding", 0.7);

  private final String label;
  private final double defaultWeight;

  ProbeFlag(String label, double defaultWeight) {
    this.label = label;
    this.defaultWeight = defaultWeight;
  }

  /** A short label for evidence. */
  public String label() {
    return label;
  }

  /** How much one request with this flag counts towards the account's probing share. */
  public double defaultWeight() {
    return defaultWeight;
  }
}
