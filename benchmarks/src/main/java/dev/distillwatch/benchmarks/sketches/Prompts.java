package dev.distillwatch.benchmarks.sketches;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic but realistic prompts of about 1 KB (template + task) for the benchmarks. */
final class Prompts {
  private static final String[] TEMPLATES = {
    "You are a meticulous expert assistant. Read the task below carefully and produce a complete, "
        + "correct answer.\n\nTask: %s\n\nAnswer:",
    "%s\n\nRespond only with a JSON object of the form {\"reasoning\": string, \"answer\": string}. "
        + "Do not include any other text.",
    "### Instruction:\n%s\n\n### Response:",
  };
  private static final String[] WORDS = (
      "the a of to and in is that for it with as was on be by this are from or have an which "
          + "natalia sold clips friends april may how many altogether company employees salary "
          + "month calculate total amount money function list return integer string python "
          + "assert palindrome sorted elements given array number write program implements "
          + "system monitoring network traffic blocking addresses weather forecast city today "
          + "alice bob claire dave eve holding present color ball exchange swap trade first then")
      .split(" ");

  private Prompts() {}

  /** {@code n} prompts of roughly {@code chars} characters each, deterministic. */
  static List<String> generate(int n, int chars, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder task = new StringBuilder();
      String template = TEMPLATES[rnd.nextInt(TEMPLATES.length)];
      while (task.length() + template.length() < chars) {
        task.append(WORDS[rnd.nextInt(WORDS.length)]);
        if (rnd.nextInt(12) == 0) {
          task.append(' ').append(rnd.nextInt(1000));
        }
        task.append(rnd.nextInt(15) == 0 ? ". " : " ");
      }
      out.add(String.format(template, task.toString().trim()));
    }
    return out;
  }
}
