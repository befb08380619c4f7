package dev.distillwatch.detectors.text;

import dev.distillwatch.core.Derivation;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import dev.distillwatch.sketches.text.PromptShingler;
import dev.distillwatch.sketches.text.ShingleBuffer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one shared pass over an exchange's text: the last user message is read once, in one loop
 * that both lexes it into the template skeleton ({@link PromptShingler}, keyed by the deployment
 * seed) and steps the phrase automaton of a {@link PhraseCatalog} over it; the other zones the
 * phrase scan needs (system prompt, earlier user turns, a prefill) are scanned by the automaton
 * alone. Its results: the {@link PhraseScan} and the skeleton's MinHash signature with a
 * fingerprint of the task's content tokens, which the template detector reads.
 *
 * <p>Obtain it through {@link Exchange#derived(Derivation)} with {@link #derivation(long,
 * PhraseCatalog)}: one instance per (seed, catalogue), so every detector sharing them shares the
 * pass. A catalogue's own {@link PhraseCatalog#derivation()} reads its scan from here when exactly
 * one shingling seed has been paired with that catalogue (a pipeline with a template detector and
 * the default phrase detectors: the common case), and scans alone otherwise; results are the same
 * either way, only the sharing differs.
 *
 * <p>Holds counts, hashes and the 128-component signature (1 KB), never text. The shingler's
 * {@link ShingleBuffer} is reusable per-thread scratch, hence the one {@code ThreadLocal} lookup
 * per exchange. Cost: see docs/detector-template.md.
 */
public final class TextPass {
  /** Signature components; the {@code TemplateIndex} default. */
  public static final int COMPONENTS = 128;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private static final ConcurrentHashMap<Key, Derivation<TextPass>> DERIVATIONS = new ConcurrentHashMap<>();

  private final PhraseScan phrases;
  private final long[] signature;
  private final long taskHash;
  private final int contentTokens;

  private TextPass(PhraseScan phrases, long[] signature, long taskHash, int contentTokens) {
    this.phrases = phrases;
    this.signature = signature;
    this.taskHash = taskHash;
    this.contentTokens = contentTokens;
  }

  /**
   * The shared pass for a shingling seed and a phrase catalogue; the same instance for the same
   * pair. Pairs the seed with the catalogue (see the class comment).
   */
  public static Derivation<TextPass> derivation(long seed, PhraseCatalog catalogue) {
    Objects.requireNonNull(catalogue, "catalogue");
    Derivation<TextPass> d = DERIVATIONS.computeIfAbsent(new Key(seed, catalogue),
        k -> new Deriver(seed, catalogue)::derive);
    catalogue.pair(d);
    return d;
  }

  /** The phrase matches of the exchange. */
  public PhraseScan phrases() {
    return phrases;
  }

  /** True when the last user message had nothing to shingle (no skeleton). */
  public boolean isEmpty() {
    return signature == null;
  }

  /** The skeleton's MinHash signature ({@link #COMPONENTS} components), or null; do not modify. */
  public long[] signature() {
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
    return "TextPass{" + contentTokens + " content tokens, " + phrases + "}";
  }

  private record Key(long seed, PhraseCatalog catalogue) {}

  /** Runs the pass with per-thread scratch; a pure function of the exchange's text. */
  private static final class Deriver {
    private final long seed;
    private final PhraseMatcher matcher;
    private final PromptShingler shingler;
    private final OnePermutationMinHash minHash;
    private final ThreadLocal<ShingleBuffer> scratch = ThreadLocal.withInitial(ShingleBuffer::new);

    Deriver(long seed, PhraseCatalog catalogue) {
      this.seed = seed;
      this.matcher = catalogue.matcher();
      this.shingler = PromptShingler.builder(seed).build();
      this.minHash = OnePermutationMinHash.create(COMPONENTS, seed);
    }

    TextPass derive(Exchange exchange) {
      String text = exchange.lastUserText();
      int[] counts = PhraseScan.newCounts();
      if (text.isBlank()) { // nothing to shingle, and no phrase is blank
        return new TextPass(PhraseScan.scan(exchange, matcher, counts, text.length()), null, 0L, 0);
      }
      ShingleBuffer buffer = scratch.get();
      shingler.shingle(text, buffer, matcher, counts, PhraseScan.userBase());
      PhraseScan phrases = PhraseScan.scan(exchange, matcher, counts, text.length());
      if (buffer.skeletonSize() == 0) {
        return new TextPass(phrases, null, 0L, 0);
      }
      long[] signature = minHash.compute(buffer.skeleton(), buffer.skeletonSize());
      long[] content = buffer.content();
      int n = buffer.contentSize();
      return new TextPass(phrases, signature, taskHash(seed, content, n), n);
    }
  }

  /**
   * The task fingerprint: a polynomial over the content hashes (already seeded, uniform komihash
   * values) in four interleaved lanes, so that four multiplies are in flight at once rather than
   * one chain of them, the lanes chained and mixed once at the end.
   */
  private static long taskHash(long seed, long[] content, int n) {
    long h0 = seed ^ 0x7A5C_4B1D_9E37_79B9L;
    long h1 = 0x2545_F491_4F6C_DD1DL;
    long h2 = 0x1B87_3593_CC9E_2D51L;
    long h3 = 0x6A09_E667_F3BC_C909L;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      h0 = (h0 + content[i]) * GOLDEN;
      h1 = (h1 + content[i + 1]) * GOLDEN;
      h2 = (h2 + content[i + 2]) * GOLDEN;
      h3 = (h3 + content[i + 3]) * GOLDEN;
    }
    for (; i < n; i++) {
      h0 = (h0 + content[i]) * GOLDEN;
    }
    return mix((((h0 * GOLDEN + h1) * GOLDEN + h2) * GOLDEN + h3) ^ n);
  }

  /** Murmur3 fmix64. */
  private static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }
}
