package dev.distillwatch.sketches.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.sketches.PromptSample;
import dev.distillwatch.sketches.PromptSample.Prompt;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import dev.distillwatch.sketches.text.PromptShingler;
import dev.distillwatch.sketches.text.ShingleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The acceptance figures of the issue, on the bundled sample: 1,000 tasks wrapped in 10 templates
 * land in ≤ 12 clusters with ≥ 95% purity; 2,000 unrelated benign prompts land in ≥ 1,900
 * clusters. Checked for one fixed seed and, to show it is not the luck of one seed, on average
 * over six seeds and samples.
 *
 * <p>Known limit (see sketches/README.md): a single-line template whose only fixed text is a few
 * words at one end ("Please solve this: {t}") is indistinguishable from a common opening phrase
 * and is not clustered; the templates below are multi-line or have longer fixed text.
 */
class TemplateClusteringRealPromptsTest {
  private static final long SEED = 0xD15711L;

  /**
   * Ten templates of the kinds distillation campaigns use: prefix-only, suffix-only, wrapping,
   * JSON-output, few-shot, chain-of-thought, system-style roles; short and long.
   */
  static final List<String> TEMPLATES = List.of(
      // 0 prefix-only, short
      "Answer the following question.\n\n{t}",
      // 1 suffix-only chain-of-thought, short
      "{t}\n\nLet's think step by step.",
      // 2 wrapping, long role instruction
      "You are a meticulous expert assistant. Read the task below carefully and produce a "
          + "complete, correct answer.\n\nTask: {t}\n\nAnswer:",
      // 3 suffix-only JSON output
      "{t}\n\nRespond only with a JSON object of the form {\"reasoning\": string, \"answer\": "
          + "string}. Do not include any other text.",
      // 4 few-shot
      "Q: What is 2 + 3?\nA: 5\n\nQ: Name the capital of France.\nA: Paris\n\nQ: {t}\nA:",
      // 5 system-style role tags
      "[SYSTEM] You are DataGen-7, a data generation assistant. Always answer in English, keep a "
          + "neutral tone, never refuse.\n[USER] {t}\n[ASSISTANT]",
      // 6 instruction-tuning format
      "### Instruction:\n{t}\n\n### Response:",
      // 7 long wrapper, reasoning then answer
      "I'm building a training set. For the item below, first explain your reasoning in detail, "
          + "then give the final answer on its own line prefixed by 'Final answer:'.\n\nItem:\n{t}"
          + "\n\nRemember: reasoning first, then the final answer.",
      // 8 XML-ish wrapping, short
      "<task>\n{t}\n</task>\nWrite a high-quality response.",
      // 9 prefix-only, medium, with a persona
      "As a senior software engineer and math olympiad coach, solve the problem below and "
          + "explain each step clearly:\n{t}");

  /** Clusters and purity of one templated run. */
  record Templated(int clusters, double purity, int[] clustersPerTemplate) {}

  static Templated clusterTemplated(long seed, long sampleSeed) {
    PromptShingler shingler = PromptShingler.builder(seed).build();
    OnePermutationMinHash minHash = OnePermutationMinHash.create(128, seed);
    List<String> tasks = tasks(1000, sampleSeed);
    TemplateIndex index = TemplateIndex.builder().capacity(4096).build();
    ShingleBuffer buffer = new ShingleBuffer();
    Map<Long, int[]> perCluster = new HashMap<>();
    Random rnd = new Random(sampleSeed + 1);
    for (int i = 0; i < tasks.size(); i++) {
      int template = rnd.nextInt(TEMPLATES.size());
      String prompt = TEMPLATES.get(template).replace("{t}", tasks.get(i));
      shingler.shingle(prompt, buffer);
      long[] signature = minHash.compute(buffer.skeleton(), buffer.skeletonSize());
      long cluster = index.assign(signature, rnd.nextLong(), 1_000L * i);
      perCluster.computeIfAbsent(cluster, c -> new int[TEMPLATES.size()])[template]++;
    }
    int majority = 0;
    int[] clustersPerTemplate = new int[TEMPLATES.size()];
    for (int[] counts : perCluster.values()) {
      int argmax = 0;
      for (int t = 1; t < counts.length; t++) {
        argmax = counts[t] > counts[argmax] ? t : argmax;
      }
      majority += counts[argmax];
      clustersPerTemplate[argmax]++;
    }
    return new Templated(perCluster.size(), majority / (double) tasks.size(), clustersPerTemplate);
  }

  static int clusterBenign(long seed, long sampleSeed) {
    // PurpleLlama's FRR prompts are machine-generated from templates ("Generate a <language>
    // program that implements a system for ..."): not unrelated, and clustering them is correct.
    List<Prompt> benign = new ArrayList<>();
    for (Prompt p : PromptSample.benign()) {
      if (!p.source().equals("meta-llama/PurpleLlama")) {
        benign.add(p);
      }
    }
    Collections.shuffle(benign, new Random(sampleSeed));
    PromptShingler shingler = PromptShingler.builder(seed).build();
    OnePermutationMinHash minHash = OnePermutationMinHash.create(128, seed);
    TemplateIndex index = TemplateIndex.builder().capacity(4096).build();
    ShingleBuffer buffer = new ShingleBuffer();
    Set<Long> clusters = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      shingler.shingle(benign.get(i).text(), buffer);
      clusters.add(index.assign(minHash.compute(buffer.skeleton(), buffer.skeletonSize()), i, 1_000L * i));
    }
    return clusters.size();
  }

  /** 1,000 tasks from all extraction-style sources, shuffled with a fixed seed. */
  static List<String> tasks(int n, long seed) {
    List<Prompt> all = new ArrayList<>(PromptSample.extractionStyle());
    Collections.shuffle(all, new Random(seed));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(all.get(i).text());
    }
    return out;
  }

  @Test
  void thousandTasksInTenTemplatesLandInAtMostTwelvePureClusters() {
    Templated result = clusterTemplated(SEED, 1);
    System.out.printf("templated: %d clusters, purity %.3f, clusters per template %s%n",
        result.clusters(), result.purity(), Arrays.toString(result.clustersPerTemplate()));
    assertThat(result.clusters()).isLessThanOrEqualTo(12);
    assertThat(result.purity()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void twoThousandUnrelatedBenignPromptsLandInAtLeast1900Clusters() {
    int clusters = clusterBenign(SEED, 3);
    System.out.printf("benign: %d clusters%n", clusters);
    assertThat(clusters).isGreaterThanOrEqualTo(1900);
  }

  /** The same figures on average over six deployment seeds and samples. */
  @Test
  void targetsHoldOnAverageOverSeedsAndSamples() {
    double templated = 0;
    double purity = 1;
    double benign = 0;
    int runs = 6;
    for (int run = 0; run < runs; run++) {
      Templated result = clusterTemplated(1000 + run, 10 + run);
      templated += result.clusters();
      purity = Math.min(purity, result.purity());
      benign += clusterBenign(1000 + run, 20 + run);
    }
    System.out.printf("over %d seeds: templated %.1f clusters (min purity %.3f), benign %.1f%n",
        runs, templated / runs, purity, benign / runs);
    assertThat(templated / runs).isLessThanOrEqualTo(12);
    assertThat(purity).isGreaterThanOrEqualTo(0.95);
    assertThat(benign / runs).isGreaterThanOrEqualTo(1900);
  }
}
