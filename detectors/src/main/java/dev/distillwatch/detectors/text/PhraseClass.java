package dev.distillwatch.detectors.text;

/**
 * The classes of phrases the default catalogue holds, one category of the shared automaton each.
 * Each class's phrases live in a resource, one phrase a line ({@code #} followed by a space or
 * the end of the line starts a comment), under {@code dev/distillwatch/detectors/}.
 */
public enum PhraseClass {
  /**
   * Requests to reveal, print, translate or articulate the model's own internal reasoning,
   * hidden thoughts, scratchpad or chain of thought, verbatim; rare in benign traffic.
   */
  REASONING_STRONG("reasoning/strong-elicitation.txt"),
  /**
   * Requests for the reasoning written out in full ("show your complete reasoning", "write out
   * every step of your thinking", "explain your reasoning in detail"): asked now and then by
   * careful users, on nearly every request by distillation campaigns.
   */
  REASONING_ELABORATE("reasoning/elaborate-elicitation.txt"),
  /** Requests to put the reasoning inside tags ({@code <think>}, {@code <reasoning>}, ...). */
  REASONING_TAGS("reasoning/tag-elicitation.txt"),
  /**
   * Ordinary step-by-step requests ("explain step by step", "show your work", "let's think step
   * by step"): common among students, tutors, wrapper apps and evaluation harnesses.
   */
  REASONING_WEAK("reasoning/weak-elicitation.txt"),
  /**
   * Negation cues ("do not reveal", "never show"): benign system prompts tell the model to keep
   * its reasoning private, which would otherwise read as strong elicitation.
   */
  REASONING_NEGATION("reasoning/negation.txt"),
  /** Self-instruct and Alpaca generation meta-prompts ("come up with a set of 20 diverse task instructions"). */
  SELF_INSTRUCT("recipe/self-instruct.txt"),
  /** Evol-Instruct rewriting prompts ("#Given Prompt#", "I want you act as a Prompt Rewriter"). */
  EVOL_INSTRUCT("recipe/evol-instruct.txt"),
  /** Orca-style explanation-tuning system messages ("User will you give you a task"). */
  ORCA_SYSTEM("recipe/orca-system.txt"),
  /** LLM-as-a-judge, rubric and grader prompts ("Please act as an impartial judge", "[[rating]]"). */
  JUDGE("recipe/judge.txt");

  private final String resource;

  PhraseClass(String resource) {
    this.resource = resource;
  }

  /** The resource path of this class's phrases, relative to {@code dev/distillwatch/detectors/}. */
  public String resource() {
    return resource;
  }

  /** The category of this class in the shared automaton: its ordinal. */
  public int category() {
    return ordinal();
  }
}
