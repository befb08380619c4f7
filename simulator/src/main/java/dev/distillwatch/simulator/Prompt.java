package dev.distillwatch.simulator;

import java.util.Objects;

/**
 * One prompt of a public prompt set.
 *
 * @param source the dataset's GitHub repository, e.g. {@code "openai/grade-school-math"}
 * @param id the row's stable id within its source
 * @param domain coding, math, reasoning, agentic, writing, chat, advice, security, other or unknown
 * @param text the prompt
 */
public record Prompt(String source, String id, String domain, String text) {

  public Prompt {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(text, "text");
  }
}
