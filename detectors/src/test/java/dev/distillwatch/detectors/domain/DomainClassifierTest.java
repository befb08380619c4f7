package dev.distillwatch.detectors.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainClassifierTest {
  private final DomainClassifier classifier = DomainClassifier.ofDefaults();

  private static Exchange user(String text) {
    return Exchange.builder().account("a").timestamp(0).prompt(text).build();
  }

  @Test
  void weightsResourceLoadsAndIsSmall() throws Exception {
    byte[] bytes;
    try (InputStream in = DomainModel.class.getResourceAsStream(DomainModel.RESOURCE)) {
      assertThat(in).isNotNull();
      bytes = in.readAllBytes();
    }
    assertThat(bytes.length).isLessThan(256 * 1024);
    DomainModel model = DomainModel.loadDefault();
    assertThat(model.featurizer().buckets()).isGreaterThanOrEqualTo(1 << 14);
    assertThat(model.description()).contains("openai/grade-school-math").doesNotContain("codealpaca");
  }

  @Test
  void modelRoundTripsThroughItsFormat() throws Exception {
    DomainModel model = DomainModel.loadDefault();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    model.write(out);
    DomainModel copy = DomainModel.read(new ByteArrayInputStream(out.toByteArray()));
    double[] a = new double[Domain.LEARNED];
    double[] b = new double[Domain.LEARNED];
    String text = "Write a Python function that returns the n-th Fibonacci number.";
    model.logits(text, 8192, a);
    copy.logits(text, 8192, b);
    assertThat(b).containsExactly(a);
  }

  /**
   * Accuracy floors per domain on the bundled sample. Most of these rows were also in the
   * training set (the sample is drawn from the same permissive sources), so this guards the
   * shipped weights and the scoring code, not generalisation; the held-out and cross-source
   * figures are in docs/domain-classifier.md.
   */
  @Test
  void classifiesBundledRealPromptsPerDomain() {
    Map<Domain, Double> floors = new EnumMap<>(Map.of(
        Domain.CODING, 0.85, Domain.MATH, 0.90, Domain.REASONING, 0.90, Domain.AGENTIC, 0.85,
        Domain.SECURITY, 0.90, Domain.WRITING, 0.60, Domain.CHAT, 0.75));
    Map<Domain, String> report = new EnumMap<>(Domain.class);
    BundledPrompts.byDomain().forEach((domain, prompts) -> {
      long hits = prompts.stream()
          .filter(p -> classifier.classify(user(p.text())).domain() == domain).count();
      double accuracy = (double) hits / prompts.size();
      report.put(domain, hits + "/" + prompts.size());
      assertThat(accuracy).as("%s accuracy (%s)", domain, report).isGreaterThanOrEqualTo(floors.get(domain));
    });
    assertThat(report).containsKeys(Domain.CODING, Domain.MATH, Domain.REASONING, Domain.AGENTIC,
        Domain.SECURITY, Domain.WRITING, Domain.CHAT);
  }

  @Test
  void readsTheUsersTaskThroughTemplatesAndSystemPrompts() {
    String question = "Natalia sold clips to 48 of her friends in April, and then she sold half as many"
        + " clips in May. How many clips did Natalia sell altogether in April and May?";
    Exchange wrapped = Exchange.builder().account("a").timestamp(0)
        .system("You are a helpful assistant. Always answer politely and format answers in Markdown.")
        .prompt("### Instruction:\n" + question + "\n\n### Response:")
        .build();
    assertThat(classifier.classify(wrapped).domain()).isEqualTo(Domain.MATH);
  }

  @Test
  void codeFencesReadAsCoding() {
    String prompt = "Why does this throw?\n```java\nList<String> xs = List.of();\nxs.add(\"a\");\n```";
    assertThat(classifier.classify(user(prompt)).domain()).isEqualTo(Domain.CODING);
  }

  @Test
  void toolDefinitionsReadAsAgentic() {
    String prompt = "Book me a table for two tomorrow at 7pm near the office.";
    Exchange withTools = Exchange.builder().account("a").timestamp(0).prompt(prompt)
        .parameters(Parameters.of(Map.of("tools", List.of(Map.of("type", "function",
            "function", Map.of("name", "book_table")), Map.of("type", "function",
            "function", Map.of("name", "search_restaurants"))))))
        .build();
    DomainClassification plain = classifier.classify(user(prompt));
    DomainClassification tools = classifier.classify(withTools);
    assertThat(tools.domain()).isEqualTo(Domain.AGENTIC);
    assertThat(tools.probability(Domain.AGENTIC)).isGreaterThan(plain.probability(Domain.AGENTIC));
  }

  @Test
  void hardNegativeChattyQuestionMentioningPythonIsNotCoding() {
    String prompt = "My brother keeps talking about Python at dinner and I feel left out. How can I"
        + " show interest in his hobby without pretending to understand everything?";
    assertThat(classifier.classify(user(prompt)).domain()).isNotEqualTo(Domain.CODING);
  }

  /**
   * Known weakness, kept visible: the security domain is learned almost only from CyberSecEval's
   * "generate a program that ..." prompts, so a security-policy question is not recognised as
   * security (it currently reads as agentic at 0.6; leave-one-source-out recall of
   * security is 0, see docs/domain-classifier.md). What must hold is that the classifier is not
   * confident it is an extraction target, and that an account asking such questions is not
   * scored (DomainDetectorTest).
   */
  @Test
  void hardNegativeSecurityPolicyQuestionIsNotConfidentlyAnExtractionTarget() {
    String prompt = "What should a small company's password policy say about multi-factor"
        + " authentication and phishing awareness training for remote employees?";
    DomainClassification c = classifier.classify(user(prompt));
    double targetProbability = DomainConfig.ofDefaults().targetDomains().stream()
        .mapToDouble(c::probability).sum();
    assertThat(targetProbability).isLessThan(0.8);
    assertThat(c.probability(Domain.CODING)).isLessThan(0.5);
  }

  @Test
  void plainMathHomeworkIsMath() {
    String prompt = "My homework says: a train travels 180 miles in 3 hours. What is its average"
        + " speed in miles per hour?";
    assertThat(classifier.classify(user(prompt)).domain()).isEqualTo(Domain.MATH);
  }

  @Test
  void deterministicAndStreamingPassAgreesWithOneShot() {
    String text = BundledPrompts.all().get(42).text();
    DomainFeaturizer fz = DomainModel.loadDefault().featurizer();
    List<Integer> oneShot = new ArrayList<>();
    fz.featurize(text, Integer.MAX_VALUE, oneShot::add);
    List<Integer> again = new ArrayList<>();
    fz.featurize(text, Integer.MAX_VALUE, again::add);
    assertThat(again).isEqualTo(oneShot);
    // a caller that splits words itself feeds word hashes: same features
    List<Integer> streamed = new ArrayList<>();
    DomainFeaturizer.Pass pass = fz.begin(streamed::add, false);
    long word = 0;
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      pass.accept(c);
      if (DomainFeaturizer.isWordChar(c) && c < 0x2E80) {
        word = DomainFeaturizer.extendWord(word, DomainFeaturizer.fold(c));
        length++;
      } else if (length > 0) {
        pass.word(word);
        word = 0;
        length = 0;
      }
    }
    if (length > 0) {
      pass.word(word);
    }
    pass.finish();
    assertThat(streamed).containsExactlyInAnyOrderElementsOf(oneShot);
    DomainClassification a = classifier.classify(user(text));
    DomainClassification b = classifier.classify(user(text));
    assertThat(a.domain()).isEqualTo(b.domain());
    assertThat(a.confidence()).isEqualTo(b.confidence());
  }

  @Test
  void oneShotLoopEmitsExactlyWhatAPassEmitsOnEveryBundledPrompt() {
    for (DomainFeaturizer.CharGrams grams : DomainFeaturizer.CharGrams.values()) {
      DomainFeaturizer fz = new DomainFeaturizer(99L, 14, grams);
      for (BundledPrompts.Prompt p : BundledPrompts.all()) {
        for (boolean tools : new boolean[] {false, true}) {
          List<Integer> fast = new ArrayList<>();
          int n = fz.featurize(p.text(), 4096, tools, fast::add);
          List<Integer> streamed = new ArrayList<>();
          DomainFeaturizer.Pass pass = fz.begin(streamed::add, true);
          if (tools) {
            pass.tools();
          }
          for (int i = 0; i < Math.min(4096, p.text().length()); i++) {
            pass.accept(p.text().charAt(i));
          }
          assertThat(pass.finish()).isEqualTo(n);
          assertThat(streamed).as("%s %s", grams, p.id()).isEqualTo(fast);
        }
      }
    }
  }

  @Test
  void derivationIsSharedPerExchange() {
    Exchange e = user("Prove that the square root of 2 is irrational.");
    assertThat(e.derived(DomainClassifier.DERIVATION)).isSameAs(e.derived(DomainClassifier.DERIVATION));
  }

  @Test
  void exchangeWithoutUserTextStillClassifies() {
    Exchange e = Exchange.builder().account("a").timestamp(0).message(Role.ASSISTANT, "hi").build();
    assertThat(classifier.classify(e).confidence()).isBetween(0.0, 1.0);
  }
}
