package dev.distillwatch.detectors.template;

import dev.distillwatch.core.Derivation;
import dev.distillwatch.detectors.text.PhraseCatalog;
import dev.distillwatch.detectors.text.TextPass;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the template detector needs from one exchange's text: the MinHash signature of the user
 * task's skeleton (its fixed wording, slots and variable middle removed) and a 64-bit fingerprint
 * of its content (the word tokens, in order), which stands for "which task" as the signature
 * stands for "which template".
 *
 * <p>The text is the <em>last user message</em> only: a wrapper app's system prompt is the same
 * on every request and says nothing about the task's template; few-shot and templated multi-turn
 * prompts still carry their template in the last user turn.
 *
 * <p>A view of the shared {@link TextPass} (with the default {@link PhraseCatalog}), which lexes
 * the last user message for the skeleton and for the phrase detectors in one loop. The signature
 * array is never written after construction, and callers must not write it either. Cost: see
 * docs/detector-template.md.
 */
public final class TemplateFeatures {
  /** Signature components; the {@code TemplateIndex} default. */
  public static final int COMPONENTS = TextPass.COMPONENTS;

  private static final ConcurrentHashMap<Long, Derivation<TemplateFeatures>> BY_SEED =
      new ConcurrentHashMap<>();

  private final TextPass pass;

  private TemplateFeatures(TextPass pass) {
    this.pass = pass;
  }

  /**
   * The shared derivation for a seed: the same instance for the same seed, so every detector of a
   * pipeline built with that seed shares one text pass per exchange. (A process holds one
   * entry per distinct seed, in practice one.)
   */
  public static Derivation<TemplateFeatures> derivation(long seed) {
    return BY_SEED.computeIfAbsent(seed, s -> {
      Derivation<TextPass> shared = TextPass.derivation(s, PhraseCatalog.defaults());
      return e -> new TemplateFeatures(e.derived(shared));
    });
  }

  /** True when the exchange had no user text to shingle (no signal can be given). */
  public boolean isEmpty() {
    return pass.isEmpty();
  }

  /** The skeleton's MinHash signature ({@link #COMPONENTS} components); do not modify. */
  long[] signature() {
    return pass.signature();
  }

  /** A seeded 64-bit fingerprint of the task: the content tokens' hashes, in order. */
  public long taskHash() {
    return pass.taskHash();
  }

  /** How many content (word) tokens the task had. */
  public int contentTokens() {
    return pass.contentTokens();
  }

  @Override
  public String toString() {
    return isEmpty() ? "TemplateFeatures{empty}" : "TemplateFeatures{" + contentTokens() + " content tokens}";
  }

  static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }
}
