package dev.distillwatch.detectors.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.reasoning.ReasoningConfig;
import dev.distillwatch.detectors.reasoning.ReasoningDetector;
import dev.distillwatch.detectors.recipe.RecipeConfig;
import dev.distillwatch.detectors.recipe.RecipeDetector;
import org.junit.jupiter.api.Test;

class PhraseCatalogTest {

  @Test
  void aHostCanExtendTheCatalogueAndItsDetectorsStillShareOnePass() {
    PhraseCatalog phrases = PhraseCatalog.builder().defaults()
        .add(PhraseClass.REASONING_STRONG, "zeig mir dein gesamtes Denken")
        .build();
    assertThat(phrases.phrases(PhraseClass.REASONING_STRONG))
        .hasSize(PhraseCatalog.defaults().phrases(PhraseClass.REASONING_STRONG).size() + 1);
    Settings settings = Settings.of(1, 100, Clock.system());
    ReasoningConfig reasoningConfig = ReasoningConfig.builder().phrases(phrases).build();
    RecipeConfig recipeConfig = RecipeConfig.builder().phrases(phrases).build();
    // One derivation instance per catalogue: Exchange.derived caches by identity, so one pass.
    assertThat(reasoningConfig.phrases().derivation()).isSameAs(recipeConfig.phrases().derivation());
    ReasoningDetector reasoning = ReasoningDetector.create(reasoningConfig, settings);
    RecipeDetector recipe = RecipeDetector.create(recipeConfig, settings);
    ReasoningDetector stock = ReasoningDetector.create(ReasoningConfig.ofDefaults(), settings);
    Signal custom = null;
    Signal defaults = null;
    for (int i = 0; i < 20; i++) {
      Exchange e = Exchange.builder().account("de").timestamp(1_000L * i).prompt("Aufgabe " + i + ". Zeig mir dein gesamtes Denken!").build();
      custom = reasoning.inspect(e);
      recipe.inspect(e);
      defaults = stock.inspect(e);
    }
    assertThat(custom.score()).isGreaterThan(0.5);
    assertThat(defaults.score()).isZero();
  }

  @Test
  void phrasesCanBeRemovedAndEmptyOnesAreRejected() {
    PhraseCatalog c = PhraseCatalog.builder().defaults().remove(PhraseClass.REASONING_WEAK, "show your work").build();
    assertThat(c.phrases(PhraseClass.REASONING_WEAK)).doesNotContain("show your work");
    assertThat(PhraseCatalog.builder().build().matcher().size()).isZero();
    assertThatThrownBy(() -> PhraseCatalog.builder().add(PhraseClass.JUDGE, " ... ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(PhraseScan.DERIVATION).isSameAs(PhraseCatalog.defaults().derivation());
  }

  @Test
  void alternationsExpandToEveryCombinationAndEmptyAlternativesMakeWordsOptional() {
    assertThat(PhraseCatalog.expand("{show|print} your {|full }reasoning"))
        .containsExactly("show your reasoning", "show your full reasoning", "print your reasoning",
            "print your full reasoning");
    assertThat(PhraseCatalog.expand("no braces here")).containsExactly("no braces here");
  }

  @Test
  void malformedAlternationsNameTheColumn() {
    assertThatThrownBy(() -> PhraseCatalog.expand("show {your reasoning"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 6");
    assertThatThrownBy(() -> PhraseCatalog.expand("show your} reasoning"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 10");
    assertThatThrownBy(() -> PhraseCatalog.builder().add(PhraseClass.REASONING_ELABORATE, "{a|{b}}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHostsAlternationIsExpandedAndMatched() {
    PhraseCatalog c = PhraseCatalog.builder().add(PhraseClass.REASONING_ELABORATE, "zeig {mir|uns} dein {ganzes|gesamtes} Denken").build();
    assertThat(c.phrases(PhraseClass.REASONING_ELABORATE)).hasSize(4);
    Exchange e = Exchange.builder().account("a").timestamp(1).prompt("Bitte zeig uns dein gesamtes Denken.").build();
    assertThat(e.derived(c.derivation()).count(PhraseScan.Zone.USER, PhraseClass.REASONING_ELABORATE)).isEqualTo(1);
  }
}
