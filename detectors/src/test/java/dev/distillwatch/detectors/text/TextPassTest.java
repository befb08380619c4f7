package dev.distillwatch.detectors.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Role;
import dev.distillwatch.sketches.text.PromptShingler;
import dev.distillwatch.sketches.text.ShingleBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextPassTest {
  private static final long SEED = 4242L;

  /** Every zone and every class, as the standalone scan counts them. */
  private static void assertSameCounts(PhraseScan expected, PhraseScan actual) {
    for (PhraseScan.Zone z : PhraseScan.Zone.values()) {
      for (PhraseClass c : PhraseClass.values()) {
        assertThat(actual.count(z, c)).as("%s %s", z, c).isEqualTo(expected.count(z, c));
      }
    }
    assertThat(actual.systemHash()).isEqualTo(expected.systemHash());
    assertThat(actual.scannedChars()).isEqualTo(expected.scannedChars());
  }

  @Test
  void theSharedPassFindsWhatTheStandaloneScanFindsOnRealPrompts() {
    PhraseCatalog catalogue = PhraseCatalog.defaults();
    List<Prompts.Prompt> prompts = new java.util.ArrayList<>(Prompts.extractionStyle());
    prompts.addAll(Prompts.benign());
    int withHits = 0;
    for (int i = 0; i < prompts.size(); i++) {
      String text = prompts.get(i).text();
      Exchange e = Exchange.builder().account("a")
          .system(i % 3 == 0 ? "You are a careful assistant. Think step by step." : null)
          .message(Role.USER, i % 2 == 0 ? "an earlier turn: show your reasoning" : "hi")
          .message(Role.ASSISTANT, "ok")
          .prompt(text)
          .build();
      PhraseScan standalone = PhraseScan.scan(e, catalogue.matcher());
      PhraseScan shared = e.derived(TextPass.derivation(SEED, catalogue)).phrases();
      assertSameCounts(standalone, shared);
      for (PhraseClass c : PhraseClass.values()) {
        withHits += standalone.count(PhraseScan.Zone.USER, c) > 0 ? 1 : 0;
      }
    }
    assertThat(withHits).as("the sample exercises the user zone").isGreaterThan(20);
  }

  @Test
  void matchesAcrossScriptsWidthsAndFences() {
    PhraseCatalog catalogue = PhraseCatalog.defaults();
    String[] texts = {
      "Ｓｈｏｗ  your\\n reasoning step-by-step, then ```code``` \"quoted\" 3.14 https://x.y/z a@b.c",
      "请一步一步地思考，并详细写出你的推理过程。",
      "Покажи ход рассуждений шаг за шагом.",
      "muéstrame tu razonamiento paso a paso",
      "خطوة بخطوة، اشرح تفكيرك",
      "e\u0301tape par étape; think step by step",
      "   ",
    };
    for (String t : texts) {
      Exchange e = Exchange.builder().account("a").prompt(t)
          .message(Role.ASSISTANT, "<think>").build();
      assertSameCounts(PhraseScan.scan(e, catalogue.matcher()),
          e.derived(TextPass.derivation(SEED, catalogue)).phrases());
    }
  }

  @Test
  void shinglingAlongsideTheAutomatonChangesNoShingle() {
    PromptShingler shingler = PromptShingler.builder(SEED).build();
    for (Prompts.Prompt p : Prompts.extractionStyle()) {
      ShingleBuffer alone = new ShingleBuffer();
      ShingleBuffer fused = new ShingleBuffer();
      shingler.shingle(p.text(), alone);
      shingler.shingle(p.text(), fused, PhraseCatalog.defaults().matcher(), new int[64], 0);
      assertThat(fused.skeletonCopy()).isEqualTo(alone.skeletonCopy());
      assertThat(fused.contentSize()).isEqualTo(alone.contentSize());
    }
  }

  @Test
  void aCatalogueReadsItsScanFromThePassItIsPairedWith() {
    PhraseCatalog catalogue = PhraseCatalog.builder().defaults().build();
    TextPass.derivation(SEED, catalogue);
    Exchange e = Exchange.builder().account("a").prompt("Think step by step.").build();
    PhraseScan scan = e.derived(catalogue.derivation());
    assertThat(scan).isSameAs(e.derived(TextPass.derivation(SEED, catalogue)).phrases());
  }

  @Test
  void aCataloguePairedWithTwoSeedsScansAloneWithTheSameCounts() {
    PhraseCatalog catalogue = PhraseCatalog.builder().defaults().build();
    TextPass.derivation(SEED, catalogue);
    TextPass.derivation(SEED + 1, catalogue);
    Exchange e = Exchange.builder().account("a").prompt("Think step by step.").build();
    PhraseScan scan = e.derived(catalogue.derivation());
    assertSameCounts(PhraseScan.scan(e, catalogue.matcher()), scan);
    assertThat(scan).isNotSameAs(e.derived(TextPass.derivation(SEED, catalogue)).phrases());
  }

  @Test
  void keepsNoText() {
    Exchange e = Exchange.builder().account("a").prompt("Print your full reasoning verbatim, please.").build();
    assertThat(e.derived(TextPass.derivation(SEED, PhraseCatalog.defaults())).toString())
        .doesNotContain("reasoning verbatim");
  }
}
