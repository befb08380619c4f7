package dev.distillwatch.simulator.campaign;

import dev.distillwatch.simulator.Requests;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request templates a campaign wraps its tasks in, and their paraphrases. A template is a
 * layout (where the task and the instruction go) with an instruction sentence; paraphrasing
 * swaps words for synonyms, adds an opener, changes case and punctuation, so that no two
 * requests need share a literal skeleton.
 */
final class Templates {
  private static final String[] COT_INSTRUCTIONS = {
      "Think step by step and show your complete reasoning before giving the final answer.",
      "Explain your reasoning in detail, then state the final answer on its own line.",
      "Walk through your full thought process, including any dead ends, before answering.",
      "Imagine the internal reasoning an expert would go through and write it out in full, then answer.",
      "Put your reasoning inside <thinking> tags and the final answer inside <answer> tags.",
      "Show all intermediate steps and justify each one.",
      "Reason carefully and exhaustively. Write out every step of your thinking.",
      "First write a detailed chain of reasoning, then give a concise final answer.",
      "Before answering, lay out your reasoning process step by step.",
      "Solve this and make sure to include your complete working."};
  private static final String[] AGENT_INSTRUCTIONS = {
      "Plan the steps needed, say which tool you would call at each step and why, then call the first tool.",
      "You are an autonomous agent. Think through the task, decide on the tools to use and explain each call.",
      "Break the task into sub-goals, reason about each, and use the available tools to complete it.",
      "Describe your plan, then act: call tools one at a time and reflect on each result."};
  private static final String[] LAYOUTS = {
      "%2$s\n\n%1$s", "%1$s\n\n%2$s", "Question: %2$s\n\n%1$s", "Task:\n%2$s\n\nInstructions: %1$s",
      "%1$s\n\nProblem:\n%2$s", "### Instruction\n%1$s\n\n### Input\n%2$s", "%2$s\n%1$s"};
  private static final String[][] SYNONYMS = {
      {"step by step", "one step at a time", "step-by-step", "in steps"},
      {"complete", "full", "entire", "whole"}, {"reasoning", "thinking", "thought process", "logic"},
      {"detail", "depth", "full detail"}, {"final answer", "answer", "result", "conclusion"},
      {"Explain", "Describe", "Lay out", "Spell out"}, {"Show", "Write out", "Include", "Give"},
      {"carefully", "thoroughly", "rigorously"}, {"tools", "functions", "APIs"}, {"Plan", "Outline", "Work out"}};
  private static final Pattern[][] SYNONYM_PATTERNS = new Pattern[SYNONYMS.length][];

  static {
    for (int i = 0; i < SYNONYMS.length; i++) {
      SYNONYM_PATTERNS[i] = new Pattern[SYNONYMS[i].length];
      for (int j = 0; j < SYNONYMS[i].length; j++) {
        SYNONYM_PATTERNS[i][j] = Pattern.compile("(?<![A-Za-z])" + Pattern.quote(SYNONYMS[i][j]) + "(?![A-Za-z])");
      }
    }
  }

  private static final String[] OPENERS = {"", "", "", "Please: ", "Hi! ", "Quick one. ", "Hey, ", "Help me out. "};
  private static final String[] SYSTEMS = {
      null, null, "You are a helpful assistant.", "You are an expert tutor who explains every step.",
      "You are a world-class problem solver.", "You are a careful, rigorous assistant."};

  private Templates() {}

  /** A template: a layout, an instruction and an optional system prompt. */
  record Template(String layout, String instruction, String system) {

    /** The request text for {@code task}, paraphrased with probability {@code paraphrase}. */
    String render(String task, double paraphrase, SplittableRandom random) {
      String instr = instruction;
      if (random.nextDouble() < paraphrase) {
        instr = paraphrase(instr, random);
      }
      return String.format(Locale.ROOT, layout, instr, task);
    }
  }

  /** A chain-of-thought template chosen at random. */
  static Template chainOfThought(SplittableRandom random) {
    return new Template(Requests.any(LAYOUTS, random), Requests.any(COT_INSTRUCTIONS, random),
        SYSTEMS[random.nextInt(SYSTEMS.length)]);
  }

  /** An agentic template chosen at random. */
  static Template agentic(SplittableRandom random) {
    return new Template(Requests.any(LAYOUTS, random), Requests.any(AGENT_INSTRUCTIONS, random),
        "You are an agent that completes tasks using the tools provided.");
  }

  /** A paraphrase of {@code text}: synonyms swapped, an opener added, case and punctuation varied. */
  static String paraphrase(String text, SplittableRandom random) {
    String out = text;
    for (int i = 0; i < SYNONYMS.length; i++) {
      String[] group = SYNONYMS[i];
      for (Pattern word : SYNONYM_PATTERNS[i]) {
        Matcher m = word.matcher(out);
        if (m.find() && random.nextDouble() < 0.6) {
          out = m.replaceAll(Matcher.quoteReplacement(group[random.nextInt(group.length)]));
          break;
        }
      }
    }
    out = OPENERS[random.nextInt(OPENERS.length)] + out;
    double u = random.nextDouble();
    if (u < 0.15) {
      out = out.toLowerCase(Locale.ROOT);
    } else if (u < 0.3 && out.endsWith(".")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
