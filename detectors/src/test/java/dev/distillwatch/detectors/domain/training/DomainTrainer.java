package dev.distillwatch.detectors.domain.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillwatch.detectors.domain.Domain;
import dev.distillwatch.detectors.domain.DomainFeaturizer;
import dev.distillwatch.detectors.domain.DomainModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Trains the domain model and writes the evaluation report: a developer tool, not part of the
 * library (it lives in the test sources because it reads JSONL with Jackson, a test dependency).
 *
 * <p>Why no ML library: the model is multinomial logistic regression over sparse hashed
 * features trained with AdaGrad — sixty lines — and writing it here keeps the features at
 * training time bit-identical to those at run time (the same {@link DomainFeaturizer}), keeps the
 * training deterministic for a seed, and adds no dependency.
 *
 * <p>Data handling (see {@code docs/domain-classifier.md}):
 *
 * <ul>
 *   <li>only sources whose licence allows training ({@link #PERMISSIVE}: MIT, Apache-2.0, CC0,
 *       CC BY) are trained on; labelled rows of other sources are used only to <em>evaluate</em>
 *       (a source the model never saw);
 *   <li>{@code advice} is trained as {@code chat}; {@code other} and {@code unknown} are never
 *       trained on ({@link Domain#OTHER} is the classifier's low-confidence answer);
 *   <li>classes are balanced by sampling: each step picks a domain uniformly, then a source of that
 *       domain with probability proportional to the square root of its size (so GSM8K does not
 *       define "math" alone), then a row;
 *   <li>half of the agentic rows get the "tools" structure feature, as a request with tool
 *       definitions would: the prompt sets hold the text of agent tasks, not the tools that came
 *       with them, and without it the model would learn "a calculation question is agentic"
 *       from function-calling benchmarks;
 *   <li>four rows in ten are wrapped in a domain-neutral template ("### Instruction:", "Task:",
 *       "Please be concise.", chat-template markup such as "<|user|>") so that wrappers carry no domain.
 * </ul>
 */
public final class DomainTrainer {

  /** Sources whose licence allows training (SOURCES.md: MIT, Apache-2.0, CC0-1.0, CC BY 4.0). */
  public static final Set<String> PERMISSIVE = Set.of(
      "lm-sys/FastChat",
      "lmarena/arena-hard-auto",
      "HannahKirk/prism-alignment",
      "Open-Assistant/oasst-model-eval",
      "anthropics/hh-rlhf",
      "f/awesome-chatgpt-prompts",
      "meta-llama/PurpleLlama",
      "yizhongw/self-instruct",
      "teknium1/GPTeacher",
      "openai/grade-school-math",
      "openai/human-eval",
      "evalplus/evalplus",
      "suzgunmirac/BIG-Bench-Hard",
      "web-arena-x/webarena",
      "THUDM/AgentBench",
      "OpenBMB/ToolBench",
      "ShishirPatil/gorilla");
  // Not trained on: nlpxucan/WizardLM, tatsu-lab/alpaca_eval, tatsu-lab/stanford_alpaca,
  // sahil280114/codealpaca (CC BY-NC 4.0), migtissera/Sensei (no licence),
  // ZubinGou/math-evaluation-harness (upstream data licences vary, not verified),
  // arnav-gudibande/koala-test-set ("do not use for training").

  private static final String[] WRAPPERS = {
    "Please help me with the following.\n\n%s",
    "Task:\n%s\n\nAnswer:",
    "### Instruction:\n%s\n\n### Response:",
    "Question: %s\nAnswer:",
    "%s\n\nPlease be concise.",
    "%s\n\nThink carefully and explain your answer.",
    "<user>\n%s\n</user>",
    "You are a helpful assistant. %s",
    "Hi! %s Thanks in advance.",
    "Respond in JSON.\n\n%s",
    "Here is my request: %s",
    "%s\nKeep it under 200 words.",
    "<s>[USER]: %s </s>",
    "### Human: %s\n### Assistant:",
    "<|user|>\n%s\n<|assistant|>",
    "User: %s\nAssistant:",
    "{\"role\": \"user\", \"content\": \"%s\"}",
    "<start_of_turn>user\n%s<end_of_turn>\n<start_of_turn>model",
    "Instruction: %s\nInput: (none)\nOutput:",
    "SYSTEM: You are an expert.\nUSER: %s\nASSISTANT:",
  };

  /** Templates never used in training, for the robustness check of the held-out split. */
  private static final String[] UNSEEN_WRAPPERS = {
    "[INST] %s [/INST]",
    "<|im_start|>user\n%s<|im_end|>\n<|im_start|>assistant",
    "Below is an instruction that describes a task. Write a response that appropriately"
        + " completes the request.\n\n### Instruction:\n%s\n\n### Response:",
    "You will be given a task. Read it carefully.\n\nTASK: %s\n\nOutput only the final result.",
    "%s\n\nAnswer in English. Do not repeat the question.",
  };

  /** One labelled prompt. */
  public static final class Row {
    public final String source;
    public final String id;
    public final Domain domain; // null when unknown
    public final String label; // as in the file
    public final String text;

    Row(String source, String id, Domain domain, String label, String text) {
      this.source = source;
      this.id = id;
      this.domain = domain;
      this.label = label;
      this.text = text;
    }

    boolean trainable() {
      return domain != null && domain != Domain.OTHER && PERMISSIVE.contains(source);
    }
  }

  /** Training settings. */
  public static final class Options {
    public long seed = 0x0D15_711L;
    public int bits = 15;
    public DomainFeaturizer.CharGrams charGrams = DomainFeaturizer.CharGrams.SYMBOLIC;
    public int epochs = 10;
    public int drawsPerDomainPerEpoch = 4000;
    public double learningRate = 0.2;
    public double l2 = 1e-6;
    public double wrapProbability = 0.4;
    public int maximumChars = 4096;
    public double toolsProbability = 0.5;
    public double sourceExponent = 0.5;
    public boolean calibrate = true;

    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "seed=%d bits=%d charGrams=%s epochs=%d draws/domain/epoch=%d lr=%s l2=%s wrap=%s maxChars=%d tools=%s sourceExponent=%s calibrate=%s",
          seed, bits, charGrams, epochs, drawsPerDomainPerEpoch, learningRate, l2,
          wrapProbability, maximumChars, toolsProbability, sourceExponent, calibrate);
    }
  }

  private DomainTrainer() {}

  /** Reads every {@code *.jsonl} file of a folder. */
  public static List<Row> read(Path folder) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
    }
    List<Row> rows = new ArrayList<>();
    for (Path f : files) {
      try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode n = json.readTree(line);
          String label = n.path("domain").asText("unknown");
          rows.add(new Row(n.path("source").asText(), n.path("id").asText(),
              Domain.parseLabel(label), label, n.path("text").asText()));
        }
      }
    }
    return rows;
  }

  /**
   * Trains on {@code rows} (only the {@linkplain Row#trainable() trainable} ones are used).
   *
   * @return {@code [weights (buckets * LEARNED), bias (LEARNED)]}
   */
  public static float[][] train(List<Row> rows, Options o) {
    DomainFeaturizer fz = new DomainFeaturizer(o.seed, o.bits, o.charGrams);
    final int c = Domain.LEARNED;
    // domain -> source -> rows
    List<List<List<Row>>> pools = new ArrayList<>();
    List<double[]> sourceCdf = new ArrayList<>();
    for (int d = 0; d < c; d++) {
      Map<String, List<Row>> bySource = new TreeMap<>();
      for (Row r : rows) {
        if (r.trainable() && r.domain.ordinal() == d) {
          bySource.computeIfAbsent(r.source, k -> new ArrayList<>()).add(r);
        }
      }
      List<List<Row>> lists = new ArrayList<>(bySource.values());
      double[] cdf = new double[lists.size()];
      double sum = 0;
      for (int i = 0; i < lists.size(); i++) {
        sum += Math.pow(lists.get(i).size(), o.sourceExponent);
        cdf[i] = sum;
      }
      for (int i = 0; i < cdf.length; i++) {
        cdf[i] /= sum;
      }
      pools.add(lists);
      sourceCdf.add(cdf);
    }
    int buckets = fz.buckets();
    float[] w = new float[buckets * c];
    float[] g2 = new float[buckets * c];
    float[] bias = new float[c];
    float[] biasG2 = new float[c];
    SplittableRandom random = new SplittableRandom(o.seed);
    IntList features = new IntList();
    double[] z = new double[c];
    double[] grad = new double[c];
    int[] schedule = new int[c * o.drawsPerDomainPerEpoch];
    for (int epoch = 0; epoch < o.epochs; epoch++) {
      for (int i = 0; i < schedule.length; i++) {
        schedule[i] = i % c;
      }
      shuffle(schedule, random);
      for (int d : schedule) {
        List<List<Row>> lists = pools.get(d);
        if (lists.isEmpty()) {
          continue;
        }
        double[] cdf = sourceCdf.get(d);
        double u = random.nextDouble();
        int s = 0;
        while (s < cdf.length - 1 && cdf[s] < u) {
          s++;
        }
        List<Row> list = lists.get(s);
        Row row = list.get(random.nextInt(list.size()));
        String text = row.text;
        if (random.nextDouble() < o.wrapProbability) {
          text = String.format(Locale.ROOT, WRAPPERS[random.nextInt(WRAPPERS.length)], text);
        }
        features.clear();
        boolean tools = d == Domain.AGENTIC.ordinal() && random.nextDouble() < o.toolsProbability;
        int n = fz.featurize(text, o.maximumChars, tools, features::add);
        double x = 1.0 / Math.sqrt(Math.max(1, n));
        for (int k = 0; k < c; k++) {
          z[k] = bias[k];
        }
        for (int f = 0; f < features.size; f++) {
          int base = features.data[f] * c;
          for (int k = 0; k < c; k++) {
            z[k] += w[base + k] * x;
          }
        }
        softmax(z);
        for (int k = 0; k < c; k++) {
          grad[k] = z[k] - (k == d ? 1 : 0);
        }
        for (int f = 0; f < features.size; f++) {
          int base = features.data[f] * c;
          for (int k = 0; k < c; k++) {
            int j = base + k;
            double g = grad[k] * x + o.l2 * w[j];
            g2[j] += g * g;
            w[j] -= o.learningRate * g / Math.sqrt(g2[j] + 1e-8);
          }
        }
        for (int k = 0; k < c; k++) {
          biasG2[k] += grad[k] * grad[k];
          bias[k] -= o.learningRate * grad[k] / Math.sqrt(biasG2[k] + 1e-8);
        }
      }
    }
    return new float[][] {w, bias};
  }

  static void softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.exp(z[k] - max);
      sum += z[k];
    }
    for (int k = 0; k < z.length; k++) {
      z[k] /= sum;
    }
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** A growable int array (no boxing in the training loop). */
  static final class IntList {
    int[] data = new int[1024];
    int size;

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    void clear() {
      size = 0;
    }
  }

  /** The argmax of the learned domains for each row, with the shipped scoring code. */
  static int[] predict(DomainModel model, List<Row> rows, int maximumChars) {
    int[] out = new int[rows.size()];
    double[] z = new double[Domain.LEARNED];
    for (int i = 0; i < rows.size(); i++) {
      model.logits(rows.get(i).text, maximumChars, z);
      int best = 0;
      for (int k = 1; k < z.length; k++) {
        if (z[k] > z[best]) {
          best = k;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** The top softmax probability for each row. */
  static double[] confidence(DomainModel model, List<Row> rows, int maximumChars) {
    double[] out = new double[rows.size()];
    double[] z = new double[Domain.LEARNED];
    for (int i = 0; i < rows.size(); i++) {
      model.logits(rows.get(i).text, maximumChars, z);
      softmax(z);
      double m = 0;
      for (double v : z) {
        m = Math.max(m, v);
      }
      out[i] = m;
    }
    return out;
  }

  /**
   * Trains a model on {@code rows}, with per-domain bias offsets calibrated for macro-F1 on an
   * inner validation split of {@code rows} (a fifth of their groups, four in ten wrapped in a
   * training template; never the evaluation's held-out rows). Balanced sampling makes a small domain's rows memorised and its logit too
   * shy on new rows (writing: precision 0.8, recall 0.4); the offsets correct that.
   */
  static DomainModel model(List<Row> rows, Options o, String description) {
    double[] offsets = new double[Domain.LEARNED];
    if (o.calibrate) {
      Map<Row, String> groups = groups(rows);
      List<Row> inner = new ArrayList<>();
      List<Row> validation = new ArrayList<>();
      for (Row r : rows) {
        (Math.floorMod(fnv(groups.get(r) + "#validation"), 5) == 0 ? validation : inner).add(r);
      }
      offsets = calibrate(raw(inner, o, "inner"), validation, o.maximumChars);
    }
    float[][] t = train(rows, o);
    for (int k = 0; k < offsets.length; k++) {
      t[1][k] += (float) offsets[k];
    }
    return DomainModel.quantize(new DomainFeaturizer(o.seed, o.bits, o.charGrams), t[0], t[1],
        description);
  }

  private static DomainModel raw(List<Row> rows, Options o, String description) {
    float[][] t = train(rows, o);
    return DomainModel.quantize(new DomainFeaturizer(o.seed, o.bits, o.charGrams), t[0], t[1],
        description);
  }

  /** Coordinate ascent on per-domain logit offsets in [-1.5, 1.5], steps of 0.25, for macro-F1. */
  static double[] calibrate(DomainModel m, List<Row> validation, int maximumChars) {
    int n = validation.size();
    double[][] z = new double[n][Domain.LEARNED];
    int[] truth = new int[n];
    for (int i = 0; i < n; i++) {
      // as in training, four rows in ten wrapped in a (training) template
      String text = validation.get(i).text;
      if (i % 5 < 2) {
        text = String.format(Locale.ROOT, WRAPPERS[(i / 5) % WRAPPERS.length], text);
      }
      m.logits(text, maximumChars, z[i]);
      truth[i] = validation.get(i).domain.ordinal();
    }
    double[] offsets = new double[Domain.LEARNED];
    double best = macroF1(z, truth, offsets);
    for (int pass = 0; pass < 3; pass++) {
      for (int k = 0; k < Domain.LEARNED; k++) {
        double keep = offsets[k];
        double bestValue = keep;
        for (double v = -1.5; v <= 1.5001; v += 0.25) {
          offsets[k] = v;
          double f = macroF1(z, truth, offsets);
          if (f > best + 0.002) {
            best = f;
            bestValue = v;
          }
        }
        offsets[k] = bestValue;
      }
    }
    return offsets;
  }

  private static double macroF1(double[][] z, int[] truth, double[] offsets) {
    Scores s = new Scores();
    for (int i = 0; i < z.length; i++) {
      int arg = 0;
      for (int k = 1; k < Domain.LEARNED; k++) {
        if (z[i][k] + offsets[k] > z[i][arg] + offsets[arg]) {
          arg = k;
        }
      }
      s.add(truth[i], arg);
    }
    return s.macroF1();
  }

  // ---------------------------------------------------------------- evaluation

  /**
   * The evaluation group of a row: rows whose first eight and last six folded words agree
   * (near-duplicates, template instances differing in a middle slot), and rows of one
   * conversation or benchmark entry, share a group (transitively); groups never straddle the
   * split.
   */
  static Map<Row, String> groups(List<Row> rows) {
    int[] parent = new int[rows.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      String[] w = words(r.text);
      String ends = String.join(" ", Arrays.copyOfRange(w, 0, Math.min(8, w.length))) + "|"
          + String.join(" ", Arrays.copyOfRange(w, Math.max(0, w.length - 6), w.length));
      for (String key : new String[] {r.source + "|p|" + ends, r.source + "|i|" + idGroup(r.id)}) {
        Integer j = first.putIfAbsent(key, i);
        if (j != null) {
          union(parent, i, j);
        }
      }
    }
    Map<Row, String> out = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Row root = rows.get(find(parent, i));
      out.put(rows.get(i), root.source + "|" + root.id);
    }
    return out;
  }

  private static String idGroup(String id) {
    // mt_bench:<q>:turn<n>, bfcl:<entry>:<turn> -> without the last part
    if (id.startsWith("mt_bench:") || id.startsWith("bfcl:")) {
      return id.substring(0, id.lastIndexOf(':'));
    }
    return id;
  }

  private static String[] words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i <= text.length(); i++) {
      char ch = i < text.length() ? text.charAt(i) : ' ';
      if (DomainFeaturizer.isWordChar(ch)) {
        b.append(DomainFeaturizer.fold(ch));
      } else if (b.length() > 0) {
        out.add(b.toString());
        b.setLength(0);
      }
    }
    return out.toArray(new String[0]);
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  private static void union(int[] p, int a, int b) {
    p[find(p, a)] = find(p, b);
  }

  static boolean heldOut(String group) {
    return Math.floorMod(fnv(group), 5) == 0; // 20% of groups
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h ^ (h >>> 29);
  }

  /** Per-domain precision, recall, F1 from truth and prediction ordinals. */
  static final class Scores {
    final long[][] confusion = new long[Domain.LEARNED][Domain.LEARNED];

    void add(int truth, int predicted) {
      confusion[truth][predicted]++;
    }

    long support(int d) {
      return Arrays.stream(confusion[d]).sum();
    }

    double precision(int d) {
      long tp = confusion[d][d];
      long p = 0;
      for (long[] row : confusion) {
        p += row[d];
      }
      return p == 0 ? 0 : (double) tp / p;
    }

    double recall(int d) {
      long s = support(d);
      return s == 0 ? 0 : (double) confusion[d][d] / s;
    }

    double f1(int d) {
      double p = precision(d);
      double r = recall(d);
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    double macroF1() {
      double sum = 0;
      int n = 0;
      for (int d = 0; d < Domain.LEARNED; d++) {
        if (support(d) > 0) {
          sum += f1(d);
          n++;
        }
      }
      return n == 0 ? 0 : sum / n;
    }

    String table() {
      StringBuilder b = new StringBuilder("| domain | support | precision | recall | F1 |\n|---|---:|---:|---:|---:|\n");
      for (int d = 0; d < Domain.LEARNED; d++) {
        if (support(d) > 0) {
          b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | **%.3f** |\n",
              Domain.of(d).label(), support(d), precision(d), recall(d), f1(d)));
        }
      }
      b.append(String.format(Locale.ROOT, "| **macro** | | | | **%.3f** |\n", macroF1()));
      return b.toString();
    }

    String confusionTable() {
      StringBuilder b = new StringBuilder("| truth \\ predicted |");
      for (int d = 0; d < Domain.LEARNED; d++) {
        b.append(' ').append(Domain.of(d).label()).append(" |");
      }
      b.append("\n|---|");
      b.append("---:|".repeat(Domain.LEARNED)).append('\n');
      for (int t = 0; t < Domain.LEARNED; t++) {
        if (support(t) == 0) {
          continue;
        }
        b.append("| ").append(Domain.of(t).label()).append(" |");
        for (int d = 0; d < Domain.LEARNED; d++) {
          b.append(' ').append(confusion[t][d]).append(" |");
        }
        b.append('\n');
      }
      return b.toString();
    }
  }

  // ---------------------------------------------------------------- entry point

  /**
   * {@code DomainTrainer <prompts folder> <output folder> [quick]}: evaluates (grouped held-out
   * split, leave-one-source-out, sources never trained on), trains the final model on every
   * trainable row, writes {@code domain-model.bin.gz} and {@code domain-training-report.md} to
   * the output folder. With {@code quick}, only the held-out split is evaluated.
   */
  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    Path out = Path.of(args[1]);
    boolean quick = args.length > 2 && args[2].equals("quick");
    Options o = new Options();
    String bits = System.getProperty("distillwatch.domain.bits");
    if (bits != null) {
      o.bits = Integer.parseInt(bits);
    }
    String grams = System.getProperty("distillwatch.domain.charGrams");
    if (grams != null) {
      o.charGrams = DomainFeaturizer.CharGrams.valueOf(grams);
    }
    String epochs = System.getProperty("distillwatch.domain.epochs");
    if (epochs != null) {
      o.epochs = Integer.parseInt(epochs);
    }
    String l2 = System.getProperty("distillwatch.domain.l2");
    if (l2 != null) {
      o.l2 = Double.parseDouble(l2);
    }
    String lr = System.getProperty("distillwatch.domain.lr");
    if (lr != null) {
      o.learningRate = Double.parseDouble(lr);
    }
    String cal = System.getProperty("distillwatch.domain.calibrate");
    if (cal != null) {
      o.calibrate = Boolean.parseBoolean(cal);
    }
    String se = System.getProperty("distillwatch.domain.sourceExponent");
    if (se != null) {
      o.sourceExponent = Double.parseDouble(se);
    }
    String tp = System.getProperty("distillwatch.domain.tools");
    if (tp != null) {
      o.toolsProbability = Double.parseDouble(tp);
    }
    Files.createDirectories(out);
    String report = run(read(data), o, quick, out);
    Files.writeString(out.resolve("domain-training-report.md"), report);
    System.out.println(report);
  }

  static String run(List<Row> rows, Options o, boolean quick, Path out) throws IOException {
    long start = System.nanoTime();
    StringBuilder rep = new StringBuilder("# Domain classifier: training report\n\n");
    rep.append("Options: `").append(o).append("`\n\n");
    List<Row> trainable = rows.stream().filter(Row::trainable).collect(Collectors.toList());
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    for (Row r : trainable) {
      counts.computeIfAbsent(r.domain.label(), k -> new TreeMap<>()).merge(r.source, 1, Integer::sum);
    }
    rep.append("## Training data (permissive sources, labelled; advice counted as chat)\n\n");
    rep.append("| domain | rows | sources |\n|---|---:|---|\n");
    counts.forEach((d, m) -> rep.append("| ").append(d).append(" | ")
        .append(m.values().stream().mapToInt(Integer::intValue).sum()).append(" | ")
        .append(m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", ")))
        .append(" |\n"));

    // (a) grouped held-out split
    Map<Row, String> groups = groups(trainable);
    List<Row> train = new ArrayList<>();
    List<Row> test = new ArrayList<>();
    for (Row r : trainable) {
      (heldOut(groups.get(r)) ? test : train).add(r);
    }
    DomainModel split = model(train, o, "split");
    Scores a = score(split, test, o.maximumChars);
    rep.append(String.format(Locale.ROOT,
        "%n## (a) Held-out split%n%nGroups (same first eight and last six words, same conversation"
            + " or benchmark entry) never straddle the split; 20%% of groups held out within every source:"
            + " %d training rows, %d held-out rows. Int8-quantised model, argmax over the seven"
            + " learned domains.%n%n", train.size(), test.size()));
    rep.append(a.table()).append('\n').append(a.confusionTable());
    String dump = System.getProperty("distillwatch.domain.dump");
    if (dump != null) {
      int[] p = predict(split, test, o.maximumChars);
      for (int i = 0; i < test.size(); i++) {
        Row r = test.get(i);
        if (r.domain.label().equals(dump) && p[i] != r.domain.ordinal()) {
          String t = r.text.replace('\n', ' ');
          System.err.println("MISS " + Domain.of(p[i]).label() + " <- " + r.source + " "
              + t.substring(0, Math.min(160, t.length())));
        }
      }
    }
    List<Row> wrapped = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      Row r = test.get(i);
      wrapped.add(new Row(r.source, r.id, r.domain, r.label,
          String.format(Locale.ROOT, UNSEEN_WRAPPERS[i % UNSEEN_WRAPPERS.length], r.text)));
    }
    Scores aw = score(split, wrapped, o.maximumChars);
    rep.append(String.format(Locale.ROOT, "%nThe same held-out rows, each wrapped in one of %d"
        + " prompt templates never used in training ([INST], ChatML, the Alpaca preamble, ...):"
        + " macro-F1 %.3f (", UNSEEN_WRAPPERS.length, aw.macroF1()));
    for (int d = 0; d < Domain.LEARNED; d++) {
      rep.append(String.format(Locale.ROOT, "%s%s %.3f", d == 0 ? "" : ", ", Domain.of(d).label(), aw.f1(d)));
    }
    rep.append(").\n\n");
    double[] conf = confidence(split, test, o.maximumChars);
    rep.append("\nShare of held-out rows below the OTHER threshold (classified `other`):");
    for (double t : new double[] {0.4, 0.5, 0.6}) {
      long below = Arrays.stream(conf).filter(v -> v < t).count();
      rep.append(String.format(Locale.ROOT, " %.1f → %.1f%%;", t, 100.0 * below / conf.length));
    }
    rep.append('\n');
    System.err.printf(Locale.ROOT, "split macro-F1 %.3f (%.0f s)%n", a.macroF1(),
        (System.nanoTime() - start) / 1e9);
    if (quick) {
      return rep.toString();
    }

    // (b) leave-one-source-out
    Set<String> sources = new TreeSet<>();
    trainable.forEach(r -> sources.add(r.source));
    Scores pooled = new Scores();
    Map<String, Map<String, long[]>> perDomainSource = new TreeMap<>();
    for (String s : sources) {
      List<Row> without = trainable.stream().filter(r -> !r.source.equals(s)).collect(Collectors.toList());
      List<Row> only = trainable.stream().filter(r -> r.source.equals(s)).collect(Collectors.toList());
      DomainModel m = model(without, o, "loso");
      int[] p = predict(m, only, o.maximumChars);
      for (int i = 0; i < only.size(); i++) {
        Row r = only.get(i);
        pooled.add(r.domain.ordinal(), p[i]);
        long[] hit = perDomainSource.computeIfAbsent(r.domain.label(), k -> new TreeMap<>())
            .computeIfAbsent(s, k -> new long[2]);
        hit[0] += p[i] == r.domain.ordinal() ? 1 : 0;
        hit[1]++;
      }
      System.err.printf(Locale.ROOT, "loso %s done (%.0f s)%n", s, (System.nanoTime() - start) / 1e9);
    }
    rep.append("\n## (b) Leave-one-source-out\n\nEvery row is predicted by a model trained without"
        + " any row of its source (all its domains); per-domain scores over the pooled"
        + " predictions. A domain with one dominant source (reasoning: BIG-Bench-Hard; security:"
        + " PurpleLlama) is here judged on a model that never saw that source.\n\n");
    rep.append(pooled.table()).append('\n').append(pooled.confusionTable());
    rep.append("\nRecall per held-out source:\n\n| domain | source: correct / rows (recall) |\n|---|---|\n");
    perDomainSource.forEach((d, m) -> rep.append("| ").append(d).append(" | ")
        .append(m.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %d/%d (%.2f)",
            e.getKey(), e.getValue()[0], e.getValue()[1], (double) e.getValue()[0] / e.getValue()[1]))
            .collect(Collectors.joining("; ")))
        .append(" |\n"));

    // final model on everything
    String description = "Multinomial logistic regression over hashed words, word bigrams, "
        + o.charGrams + " char 4-grams and shape features; " + trainable.size()
        + " rows from " + sources + "; " + o;
    DomainModel fin = model(trainable, o, description);

    // (c) labelled sources never trained on (licence), and weak labels
    Predicate<Row> external = r -> r.domain != null && r.domain != Domain.OTHER
        && !PERMISSIVE.contains(r.source) && !r.source.equals("migtissera/Sensei");
    List<Row> ext = rows.stream().filter(external).collect(Collectors.toList());
    if (!ext.isEmpty()) {
      Scores c = score(fin, ext, o.maximumChars);
      Map<String, long[]> bySource = new LinkedHashMap<>();
      int[] p = predict(fin, ext, o.maximumChars);
      for (int i = 0; i < ext.size(); i++) {
        long[] hit = bySource.computeIfAbsent(ext.get(i).source + " " + ext.get(i).domain.label(), k -> new long[2]);
        hit[0] += p[i] == ext.get(i).domain.ordinal() ? 1 : 0;
        hit[1]++;
      }
      rep.append("\n## (c) Labelled sources never trained on (non-commercial or unverified licences),"
          + " final model\n\n").append(c.table()).append("\nPer source: ");
      bySource.forEach((k, v) -> rep.append(String.format(Locale.ROOT, "%s %d/%d (%.2f); ", k, v[0], v[1],
          (double) v[0] / v[1])));
      rep.append('\n');
    }
    List<Row> weak = rows.stream().filter(r -> r.domain == null || r.domain == Domain.OTHER)
        .collect(Collectors.toList());
    if (!weak.isEmpty()) {
      Map<String, int[]> dist = new TreeMap<>();
      int[] p = predict(fin, weak, o.maximumChars);
      double[] cf = confidence(fin, weak, o.maximumChars);
      for (int i = 0; i < weak.size(); i++) {
        int[] hist = dist.computeIfAbsent(weak.get(i).label, k -> new int[Domain.COUNT]);
        hist[cf[i] < 0.5 ? Domain.OTHER.ordinal() : p[i]]++;
      }
      rep.append("\n## Unlabelled (`unknown`) and `other` rows, final model, OTHER below 0.5\n\n"
          + "| label | rows |");
      for (Domain d : Domain.values()) {
        rep.append(' ').append(d.label()).append(" |");
      }
      rep.append("\n|---|---:|").append("---:|".repeat(Domain.COUNT)).append('\n');
      dist.forEach((k, h) -> {
        rep.append("| ").append(k).append(" | ").append(Arrays.stream(h).sum()).append(" |");
        for (int v : h) {
          rep.append(' ').append(v).append(" |");
        }
        rep.append('\n');
      });
    }
    Path modelFile = out.resolve("domain-model.bin.gz");
    try (OutputStream os = Files.newOutputStream(modelFile)) {
      fin.write(os);
    }
    rep.append(String.format(Locale.ROOT, "%nModel: %d buckets x %d domains int8, %d bytes gzipped."
        + " Trained in %.0f s (all runs).%n", fin.featurizer().buckets(), Domain.LEARNED,
        Files.size(modelFile), (System.nanoTime() - start) / 1e9));
    return rep.toString();
  }

  static Scores score(DomainModel m, List<Row> rows, int maximumChars) {
    Scores s = new Scores();
    int[] p = predict(m, rows, maximumChars);
    for (int i = 0; i < rows.size(); i++) {
      s.add(rows.get(i).domain.ordinal(), p[i]);
    }
    return s;
  }
}
