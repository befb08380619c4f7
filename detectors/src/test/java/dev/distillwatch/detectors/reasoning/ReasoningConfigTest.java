package dev.distillwatch.detectors.reasoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillwatch.detectors.recipe.Recipe;
import dev.distillwatch.detectors.recipe.RecipeConfig;
import org.junit.jupiter.api.Test;

class ReasoningConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ReasoningConfig c = ReasoningConfig.ofDefaults();
    assertThat(c).isSameAs(ReasoningConfig.ofDefaults());
    assertThat(c.minimumRequests()).isEqualTo(10);
    assertThat(c.weakMaximumScore()).isEqualTo(0.3);
    assertThat(c.strongMaximumScore()).isEqualTo(0.9);
    assertThat(c.systemWeight()).isEqualTo(0.5);
    assertThat(c.toString()).contains("minimumRequests=10");
    RecipeConfig r = RecipeConfig.ofDefaults();
    assertThat(r.maximumScore(Recipe.JUDGE)).isEqualTo(0.3);
    assertThat(r.maximumScore(Recipe.SELF_INSTRUCT)).isEqualTo(0.9);
  }

  @Test
  void builderValidates() {
    assertThatThrownBy(() -> ReasoningConfig.builder().strongShares(0.5, 0.4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReasoningConfig.builder().minimumRequests(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReasoningConfig.builder().weakMaximumScore(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReasoningConfig.builder().systemPromptsRemembered(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecipeConfig.builder().maximumScore(Recipe.JUDGE, -0.1)).isInstanceOf(IllegalArgumentException.class);
    ReasoningConfig c = ReasoningConfig.builder().minimumRequests(3).weakMaximumScore(0).build();
    assertThat(c.minimumRequests()).isEqualTo(3);
    assertThat(ReasoningConfig.ofDefaults().minimumRequests()).as("defaults untouched").isEqualTo(10);
  }
}
