package dev.distillwatch.detectors.template;

import dev.distillwatch.core.Derivation;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import dev.distillwatch.sketches.text.PromptShingler;
import dev.distillwatch.sketches.text.ShingleBuffer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the template detector needs from one exchange's text, computed in one pass and shared
 * through a {@link Derivation}: the MinHash signature of the user task's skeleton (its fixed
 * wording, slots and variable middle removed) and a 64-bit fingerprint of its content (the word
 * tokens, in order), which stands for "which task" as the signature stands for "which template".
 *
 * <p>The text is the <em>last user message</em> only: a wrapper app's system prompt is the same
 * on every request and says nothing about the task's template; few-shot and templated multi-turn
 * prompts still carry their template in the last user turn.
 *
 * <p>The {@link PromptShingler}'s {@link ShingleBuffer} is reusable per-thread scratch, so it lives
 * in a {@code ThreadLocal}; the result handed out is compact and immutable (the signature array
 * is never written after construction, and callers must not write it either). Cost: one
 * shingling pass (~6 µs CPU per 1 KB prompt) plus one signature (~1 µs); allocation: the
 * 128-component signature (1 KB).
 */
public final class TemplateFeatures {
  /** Signature components; the {@code TemplateIndex} default. */
  public static final int COMPONENTS = 128;

  private static final TemplateFeatures NONE = new TemplateFeatures(null, 0L, 0);
  private static final ConcurrentHashMap<Long, Derivation<TemplateFeatures>> BY_SEED =
      new ConcurrentHashMap<>();

  private final long[] signature;
  private final long taskHash;
  private final int contentTokens;

  private TemplateFeatures(long[] signature, long taskHash, int contentTokens) {
    this.signature = signature;
    this.taskHash = taskHash;
    this.contentTokens = contentTokens;
  }

  /**
   * The shared derivation for a seed: the same instance for the same seed, so every detector of a
   * pipeline built with that seed shares one shingling pass per exchange. (A process holds one
   * entry per distinct seed, in practice one.)
   */
  public static Derivation<TemplateFeatures> derivation(long seed) {
    return BY_SEED.computeIfAbsent(seed, s -> new Deriver(s)::derive);
  }

  /** True when the exchange had no user text to shingle (no signal can be given). */
  public boolean isEmpty() {
    return signature == null;
  }

  /** The skeleton's MinHash signature ({@link #COMPONENTS} components); do not modify. */
  long[] signature() {
    return signature;
  }

  /** A seeded 64-bit fingerprint of the task: the content tokens' hashes, in order. */
  public long taskHash() {
    return taskHash;
  }

  /** How many content (word) tokens the task had. */
  public int contentTokens() {
    return contentTokens;
  }

  @Override
  public String toString() {
    return isEmpty() ? "TemplateFeatures{empty}" : "TemplateFeatures{" + contentTokens + " content tokens}";
  }

  /** Shingles with per-thread scratch; pure function of the exchange's last user text. */
  private static final class Deriver {
    private final PromptShingler shingler;
    private final OnePermutationMinHash minHash;
    private final long seed;
    private final ThreadLocal<ShingleBuffer> scratch = ThreadLocal.withInitial(ShingleBuffer::new);

    Deriver(long seed) {
      this.seed = seed;
      this.shingler = PromptShingler.builder(seed).build();
      this.minHash = OnePermutationMinHash.create(COMPONENTS, seed);
    }

    TemplateFeatures derive(Exchange exchange) {
      Objects.requireNonNull(exchange, "exchange");
      String text = exchange.lastUserText();
      if (text.isBlank()) {
        return NONE;
      }
      ShingleBuffer buffer = scratch.get();
      shingler.shingle(text, buffer);
      if (buffer.skeletonSize() == 0) {
        return NONE;
      }
      long[] signature = minHash.compute(buffer.skeleton(), buffer.skeletonSize());
      long[] content = buffer.content();
      int n = buffer.contentSize();
      long h = seed ^ 0x7A5C_4B1D_9E37_79B9L;
      for (int i = 0; i < n; i++) {
        h = mix(h + content[i]) * 0x9E3779B97F4A7C15L;
      }
      return new TemplateFeatures(signature, mix(h ^ n), n);
    }
  }

  static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }
}
