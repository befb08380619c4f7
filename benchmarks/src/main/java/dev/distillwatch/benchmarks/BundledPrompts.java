package dev.distillwatch.benchmarks;

import dev.distillwatch.simulator.Prompt;
import dev.distillwatch.simulator.PromptLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * The real prompts benchmarks run on: the simulator's bundled sample, or the folder named by the
 * system property {@code distillwatch.prompts} (see {@link PromptLibrary#fromSystemPropertyOrBundled()}).
 */
public final class BundledPrompts {
  private BundledPrompts() {}

  /** The texts of one kind of prompt: {@code "benign"} or {@code "extraction-style"}. */
  public static List<String> texts(String kind) {
    PromptLibrary library = PromptLibrary.fromSystemPropertyOrBundled();
    List<Prompt> prompts;
    switch (kind) {
      case "benign":
        prompts = library.benign();
        break;
      case "extraction-style":
        prompts = library.extraction();
        break;
      default:
        throw new IllegalArgumentException("kind must be 'benign' or 'extraction-style', was '" + kind + "'");
    }
    List<String> out = new ArrayList<>(prompts.size());
    for (Prompt p : prompts) {
      out.add(p.text());
    }
    return out;
  }
  /**
   * Prompts of about {@code chars} characters: each text repeated or cut to that length, so that
   * costs per request compare at a fixed size.
   */
  public static List<String> ofLength(String kind, int chars, int count) {
    List<String> texts = texts(kind);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; out.size() < count && i < texts.size() * 4; i++) {
      String t = texts.get(i % texts.size());
      StringBuilder b = new StringBuilder(chars);
      while (b.length() < chars) {
        b.append(t).append('\n');
      }
      out.add(b.substring(0, chars));
    }
    return out;
  }
}
