package dev.distillwatch.detectors.recipe;

import dev.distillwatch.detectors.text.PhraseClass;

/** The known synthetic-data recipes the {@link RecipeDetector} recognises. */
public enum Recipe {
  /** Self-instruct and Alpaca instruction-generation meta-prompts. */
  SELF_INSTRUCT(PhraseClass.SELF_INSTRUCT, "self-instruct", 0.9),
  /** Evol-Instruct prompt rewriting (WizardLM, WizardCoder). */
  EVOL_INSTRUCT(PhraseClass.EVOL_INSTRUCT, "evol-instruct", 0.9),
  /** Orca / Sensei explanation-tuning system messages. */
  ORCA_SYSTEM(PhraseClass.ORCA_SYSTEM, "orca-style system message", 0.85),
  /**
   * LLM-as-a-judge, rubric and grader prompts. Benign evaluation teams send these in volume, so
   * the default maximum keeps this recipe alone well below WATCH.
   */
  JUDGE(PhraseClass.JUDGE, "judge/rubric", 0.3);

  private final PhraseClass phrases;
  private final String label;
  private final double defaultMaximumScore;

  Recipe(PhraseClass phrases, String label, double defaultMaximumScore) {
    this.phrases = phrases;
    this.label = label;
    this.defaultMaximumScore = defaultMaximumScore;
  }

  /** The phrase class that recognises this recipe. */
  public PhraseClass phrases() {
    return phrases;
  }

  /** A short label for evidence. */
  public String label() {
    return label;
  }

  /** The highest score this recipe alone gives by default. */
  public double defaultMaximumScore() {
    return defaultMaximumScore;
  }
}
