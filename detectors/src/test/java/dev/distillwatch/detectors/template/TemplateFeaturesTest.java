package dev.distillwatch.detectors.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Role;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import org.junit.jupiter.api.Test;

class TemplateFeaturesTest {
  private static final long SEED = 99L;

  private static TemplateFeatures of(Exchange e) {
    return e.derived(TemplateFeatures.derivation(SEED));
  }

  @Test
  void oneDerivationPerSeedSoDetectorsShareThePass() {
    assertThat(TemplateFeatures.derivation(SEED)).isSameAs(TemplateFeatures.derivation(SEED));
    assertThat(TemplateFeatures.derivation(SEED)).isNotSameAs(TemplateFeatures.derivation(SEED + 1));
  }

  @Test
  void readsTheLastUserMessageNotTheSystemPrompt() {
    String task = "Write a Python function that returns the n-th Fibonacci number iteratively.";
    TemplateFeatures a = of(Exchange.builder().account("a").system("You are HelpBot.").prompt(task).build());
    TemplateFeatures b = of(Exchange.builder().account("b").system("Totally different system prompt.")
        .message(Role.USER, "an earlier turn").message(Role.ASSISTANT, "a reply").prompt(task).build());
    assertThat(a.taskHash()).isEqualTo(b.taskHash());
    assertThat(a.signature()).isEqualTo(b.signature());
  }

  @Test
  void sameTemplateDifferentTasksShareTheSkeletonNotTheTask() {
    String template = "### Instruction:\n%s\n\n### Response:";
    TemplateFeatures a = of(Exchange.builder().account("a").prompt(String.format(template,
        "Explain why the sky is blue to a ten year old, in two short paragraphs.")).build());
    TemplateFeatures b = of(Exchange.builder().account("a").prompt(String.format(template,
        "List three differences between mitochondria and chloroplasts in plant cells.")).build());
    assertThat(a.taskHash()).isNotEqualTo(b.taskHash());
    assertThat(OnePermutationMinHash.similarity(a.signature(), b.signature())).isGreaterThan(0.3);
  }

  @Test
  void noUserTextIsEmpty() {
    assertThat(of(Exchange.builder().account("a").system("only a system prompt").build()).isEmpty()).isTrue();
    assertThat(of(Exchange.builder().account("a").prompt("hello there").build()).isEmpty()).isFalse();
  }
}
