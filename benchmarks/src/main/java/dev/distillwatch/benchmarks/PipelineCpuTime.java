package dev.distillwatch.benchmarks;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.detectors.RecommendedSuite;
import dev.distillwatch.detectors.template.TemplateFeatures;
import dev.distillwatch.detectors.text.PhraseCatalog;
import dev.distillwatch.detectors.text.PhraseScan;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import dev.distillwatch.sketches.text.PromptShingler;
import dev.distillwatch.sketches.text.ShingleBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where {@link PipelineBenchmark#inspect}'s time goes, in thread CPU time (which, unlike JMH's
 * wall clock, excludes time spent waiting for a core on a shared machine): the bare pass, the
 * exchange copy, each shared derivation alone, each detector alone on a fresh exchange (its
 * derivations included), and the whole default pipeline. A supplement to JMH, not a replacement.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.distillwatch.benchmarks.PipelineCpuTime [chars [part]]
 * </pre>
 */
public final class PipelineCpuTime {
  private static final int PROMPTS = 2_048;
  private static final int ACCOUNTS = 10_000;
  /** Runs only the parts whose name starts with this (the second argument), e.g. for a profiler. */
  private static String only = "";

  private PipelineCpuTime() {}

  public static void main(String[] args) {
    int chars = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    only = args.length > 1 ? args[1] : "";
    String[] texts = BundledPrompts.ofLength("benign", chars, PROMPTS).toArray(new String[0]);
    Exchange[] exchanges = new Exchange[PROMPTS];
    for (int i = 0; i < PROMPTS; i++) {
      exchanges[i] = Exchange.builder().account("acct-" + (i * 7919 % ACCOUNTS)).prompt(texts[i]).build();
    }
    long[] clock = {1_767_225_600_000L};
    int[] next = {0};
    Supplier<Exchange> fresh = () -> exchanges[next[0]++ & (PROMPTS - 1)].withTimestamp(clock[0] += 50);
    Settings settings = DistillWatch.builder().defaults().maximumAccounts(100_000).build().settings();
    run("barePass", () -> {
      String t = texts[next[0]++ & (PROMPTS - 1)];
      int h = 0;
      for (int k = 0; k < t.length(); k++) {
        h = 31 * h + Character.toLowerCase(t.charAt(k));
      }
      return h;
    });
    run("withTimestamp", fresh);
    PromptShingler shingler = PromptShingler.builder(settings.seed()).build();
    ShingleBuffer buffer = new ShingleBuffer();
    int[] counts = new int[64];
    run("shingle alone", () -> {
      shingler.shingle(texts[next[0]++ & (PROMPTS - 1)], buffer);
      return buffer;
    });
    run("shingle + phrases", () -> {
      shingler.shingle(texts[next[0]++ & (PROMPTS - 1)], buffer, PhraseCatalog.defaults().matcher(), counts, 0);
      return buffer;
    });
    OnePermutationMinHash minHash = OnePermutationMinHash.create(128, settings.seed());
    run("signature", () -> minHash.compute(buffer.skeleton(), buffer.skeletonSize()));
    run("templateFeatures", () -> fresh.get().derived(TemplateFeatures.derivation(settings.seed())));
    run("phraseScan", () -> fresh.get().derived(PhraseScan.DERIVATION));
    List<Detector> suite = new RecommendedSuite().create(settings);
    for (Detector d : suite) {
      run("only " + d.name(), () -> d.inspect(fresh.get()));
    }
    DistillWatch watch = DistillWatch.builder().defaults().maximumAccounts(100_000).build();
    run("inspect", () -> watch.inspect(fresh.get()));
  }

  private static void run(String name, Supplier<?> body) {
    if (name.startsWith(only)) {
      CpuTime.print(name, 200_000, body);
    }
  }
}
