package dev.distillwatch.detectors.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.text.PhraseScan;
import dev.distillwatch.detectors.text.Prompts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipeDetectorTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final long MINUTE = 60_000L;

  /** Orca's system messages (Mukherjee et al. 2023, table 2), as generators send them. */
  private static final String[] ORCA = {
      "You are an AI assistant. User will you give you a task. Your goal is to complete the task as faithfully as"
          + " you can. While performing the task think step-by-step and justify your steps.",
      "You are an AI assistant. You will be given a task. You must generate a detailed and long answer.",
      "You are a helpful assistant, who always provide explanation. Think like you are answering to a five year old.",
      "You are an AI assistant that follows instruction extremely well. Help as much as you can.",
      "User will you give you a task with some instruction. Your job is follow the instructions as faithfully as"
          + " you can. While answering think step-by-step and justify your answer.",
      "Explain how you used the definition to come up with the answer.",
  };

  private static String resource(String name) {
    try (InputStream in = RecipeDetectorTest.class.getResourceAsStream("/recipes/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RecipeDetector detector(long maximumAccounts) {
    return RecipeDetector.create(RecipeConfig.ofDefaults(), Settings.of(1, maximumAccounts, Clock.system()));
  }

  private static int recipes(Exchange e) {
    return RecipeDetector.recipesOf(e.derived(PhraseScan.DERIVATION));
  }

  private static Exchange prompt(String account, long ts, String text) {
    return Exchange.builder().account(account).timestamp(ts).prompt(text).build();
  }

  @Test
  void realRecipePromptsAreRecognised() {
    List<Prompts.Prompt> tasks = Prompts.extractionStyle();
    String task = tasks.get(3).text();
    assertThat(recipes(prompt("a", 1, resource("alpaca-prompt.txt")))).isEqualTo(1 << Recipe.SELF_INSTRUCT.ordinal());
    assertThat(recipes(prompt("a", 1, resource("codealpaca-prompt.txt")))).isEqualTo(1 << Recipe.SELF_INSTRUCT.ordinal());
    assertThat(recipes(prompt("a", 1, resource("evol-instruct-depth.txt").replace("{}", task))))
        .isEqualTo(1 << Recipe.EVOL_INSTRUCT.ordinal());
    assertThat(recipes(prompt("a", 1, resource("mt-bench-judge-single.txt").replace("{}", task))))
        .isEqualTo(1 << Recipe.JUDGE.ordinal());
    for (String system : ORCA) {
      Exchange e = Exchange.builder().account("a").timestamp(1).system(system).prompt(task).build();
      assertThat(recipes(e)).as(system).isEqualTo(1 << Recipe.ORCA_SYSTEM.ordinal());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Come up with a set of 5 names for my bakery.",
      "Rate my essay on a scale of 1 to 10 and tell me how to improve it.",
      "Please act as a judge in our debate club: who made the stronger argument?",
      "Rewrite this prompt so that it sounds more polite: give me the report now.",
      "You are an AI assistant that helps people find information.",
      "Give me a list of 20 tasks for spring cleaning.",
  })
  void hardNegativesAreNoRecipe(String text) {
    assertThat(recipes(prompt("a", 1, text))).isZero();
  }

  @Test
  void noBundledBenignPromptCarriesARecipe() {
    for (Prompts.Prompt p : Prompts.benign()) {
      assertThat(recipes(prompt("a", 1, p.text()))).as(p.source() + " " + p.id()).isZero();
    }
  }

  @Test
  void selfInstructGeneratorInterleavedWithItsTasksScoresHigh() {
    RecipeDetector d = detector(1_000);
    String meta = resource("alpaca-prompt.txt");
    List<Prompts.Prompt> tasks = Prompts.extractionStyle();
    Signal last = null;
    for (int i = 0; i < 60; i++) {
      last = d.inspect(prompt("generator", T0 + i * MINUTE, i % 3 == 0 ? meta : tasks.get(i).text()));
    }
    assertThat(last.score()).isGreaterThan(0.8);
    assertThat(last.evidence()).isEqualTo("self-instruct recipe in 20 of 60 requests (33%); decayed share 0.32");
  }

  @Test
  void evolInstructAndOrcaGeneratorsScoreHigh() {
    RecipeDetector d = detector(1_000);
    List<Prompts.Prompt> tasks = Prompts.extractionStyle();
    String evol = resource("evol-instruct-depth.txt");
    Signal evolSignal = null;
    Signal orcaSignal = null;
    for (int i = 0; i < 40; i++) {
      evolSignal = d.inspect(prompt("evol", T0 + i * MINUTE, evol.replace("{}", tasks.get(i).text())));
      orcaSignal = d.inspect(Exchange.builder().account("orca").timestamp(T0 + i * MINUTE)
          .system(ORCA[i % ORCA.length]).prompt(tasks.get(i).text()).build());
    }
    assertThat(evolSignal.score()).isGreaterThan(0.8);
    assertThat(evolSignal.evidence()).startsWith("evol-instruct recipe in 40 of 40 requests (100%)");
    assertThat(orcaSignal.score()).isGreaterThan(0.8);
    assertThat(orcaSignal.evidence()).startsWith("orca-style system message recipe in 40 of 40");
  }

  @Test
  void evaluationTeamRunningJudgePromptsStaysBelowWatch() {
    RecipeDetector d = detector(1_000);
    String judge = resource("mt-bench-judge-single.txt");
    List<Prompts.Prompt> benign = Prompts.benign();
    Signal last = null;
    for (int i = 0; i < 300; i++) {
      last = d.inspect(prompt("eval-team", T0 + i * 1_000L, judge.replace("{}", benign.get(i).text())));
    }
    assertThat(last.score()).isPositive().isLessThanOrEqualTo(0.3);
  }

  @Test
  void oneCuriousTryAmongOrdinaryTrafficDoesNotScore() {
    RecipeDetector d = detector(1_000);
    List<Prompts.Prompt> benign = Prompts.benign();
    Signal last = null;
    for (int i = 0; i < 100; i++) {
      last = d.inspect(prompt("researcher", T0 + i * MINUTE, i == 50 ? resource("alpaca-prompt.txt") : benign.get(i).text()));
    }
    assertThat(last.score()).isZero();
  }

  @Test
  void noScoreBeforeTheMinimumNumberOfRequests() {
    RecipeDetector d = detector(1_000);
    String meta = resource("alpaca-prompt.txt");
    assertThat(d.inspect(prompt("x", T0, meta)).score()).isZero();
    assertThat(d.inspect(prompt("x", T0 + 1, meta)).score()).isZero();
    assertThat(d.inspect(prompt("x", T0 + 2, meta)).score()).isPositive();
  }

  @Test
  void stateIsBoundedByMaximumAccounts() {
    RecipeDetector d = detector(50);
    for (int i = 0; i < 3_000; i++) {
      d.inspect(prompt("acc-" + i, T0 + i, "hello"));
    }
    assertThat(d.trackedAccounts()).isLessThanOrEqualTo(50);
  }
}
