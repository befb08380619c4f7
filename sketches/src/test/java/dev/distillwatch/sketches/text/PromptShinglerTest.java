package dev.distillwatch.sketches.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillwatch.sketches.PromptSample;
import dev.distillwatch.sketches.PromptSample.Prompt;
import dev.distillwatch.sketches.signature.OnePermutationMinHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptShinglerTest {
  private static final PromptShingler SHINGLER = PromptShingler.builder(99).build();
  private static final OnePermutationMinHash MINHASH = OnePermutationMinHash.create(128, 99);

  private static long[] skeleton(String prompt) {
    ShingleBuffer buffer = new ShingleBuffer();
    SHINGLER.shingle(prompt, buffer);
    return buffer.skeletonCopy();
  }

  private static double similarity(String a, String b) {
    ShingleBuffer buffer = new ShingleBuffer();
    SHINGLER.shingle(a, buffer);
    long[] sa = MINHASH.compute(buffer.skeleton(), buffer.skeletonSize());
    SHINGLER.shingle(b, buffer);
    long[] sb = MINHASH.compute(buffer.skeleton(), buffer.skeletonSize());
    return OnePermutationMinHash.similarity(sa, sb);
  }

  @ParameterizedTest(name = "{0} ≡ {1}")
  @CsvSource(delimiter = '|', value = {
      "Hello World|hello world",
      "hello    world|hello world",
      "hello\tworld  |  hello world",
      "ＨＥＬＬＯ ｗｏｒｌｄ|hello world", // fullwidth → NFKC
      "café au lait|cafe\u0301 au lait", // precomposed vs combining accent
      "ﬁnd the ﬁle|find the file", // ligature → NFKC
      "add 3 and 4|add 17 and 42.5",
      "open https://example.com/a?b=1 now|open http://other.org now",
      "mail bob@example.com today|mail alice@corp.io today",
      "say \"hi there\" twice|say \"something else entirely\" twice",
      "run `ls -la` here|run `rm -rf /tmp/x` here",
      "commit 3f9a8b7c6d5e4f3a2b1c now|commit 0xdeadbeef now",
  })
  void equivalentPromptsGiveIdenticalSkeletons(String a, String b) {
    assertThat(skeleton(a)).isEqualTo(skeleton(b));
  }

  @Test
  void codeFencesAndLineBreakRunsFold() {
    assertThat(skeleton("fix this:\n```python\nprint(1)\n```\nthanks"))
        .isEqualTo(skeleton("fix this:\n\n\n```\nint main() { return 0; }\n```\nthanks"));
    assertThat(SHINGLER.skeletonText("Fix this:\n```js\nx()\n```\nThanks"))
        .isEqualTo("fix this : ⏎ ‹code› ⏎ thanks");
  }

  @Test
  void skeletonTextShowsTheTemplateAndElidesTheMiddle() {
    String text = SHINGLER.skeletonText("You are a careful assistant. Solve the problem below: "
        + "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips "
        + "in May. How many clips did Natalia sell altogether? Answer with a number only.");
    assertThat(text).startsWith("you are a careful assistant .").contains("‹…›")
        .endsWith("answer with a number only .");
  }

  @Test
  void slotsAndTokensAreReported() {
    ShingleBuffer buffer = new ShingleBuffer();
    SHINGLER.shingle("Pay 20 dollars to bob@x.org", buffer);
    assertThat(buffer.tokenCount()).isEqualTo(5);
    assertThat(buffer.tokenKind(1)).isEqualTo(TokenKind.NUMBER);
    assertThat(buffer.tokenKind(4)).isEqualTo(TokenKind.EMAIL);
    assertThat(buffer.contentSize()).isEqualTo(3); // pay, dollars, to
  }

  @Test
  void differentSeedsGiveDifferentHashes() {
    ShingleBuffer a = new ShingleBuffer();
    ShingleBuffer b = new ShingleBuffer();
    PromptShingler.builder(1).build().shingle("same prompt text", a);
    PromptShingler.builder(2).build().shingle("same prompt text", b);
    assertThat(a.skeletonCopy()).isNotEqualTo(b.skeletonCopy());
  }

  @Test
  void bufferIsReusableAcrossPrompts() {
    ShingleBuffer buffer = new ShingleBuffer();
    StringBuilder longPrompt = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      longPrompt.append("word").append(i % 7).append(' ');
    }
    SHINGLER.shingle(longPrompt, buffer);
    SHINGLER.shingle("short one", buffer);
    assertThat(buffer.skeletonCopy()).isEqualTo(skeleton("short one"));
  }

  /**
   * The lexer's fast loop (words, spaces, punctuation and line breaks) must make exactly the
   * tokens its general path makes of the same chars: on real prompts, and on the cases where a
   * char has a rule of its own (URLs, addresses, numbers, quotes, fences, long words, runs of
   * line breaks, non-ASCII text).
   */
  @Test
  void theFastLoopLexesAsTheGeneralPath() {
    List<String> texts = new ArrayList<>();
    PromptSample.benign().forEach(p -> texts.add(p.text()));
    PromptSample.extractionStyle().forEach(p -> texts.add(p.text()));
    texts.addAll(List.of(
        "see http://example.com/a, then https: and www.example.org or www. alone",
        "mail me at someone@example.com; http:// www.",
        "pi is 3.14, not 3,14 or 1,000. Then 2nd, 3rd; gpt4 and 0x1f",
        "a \"quoted phrase\" and an \"open quote\nover a line\", `tick` and ```code``` done",
        "extraordinarily long words: internationalisation, a_b, snake_case_name!",
        "hex words: abcdefabcdefabcd deadbeefcafebabe. deadbeefcafebab, wonderful incomprehension",
        "lines\n\n\nand\r\nwindows\tline ends\n",
        "caf\u00e9 na\u00efve \u201cquoted\u201d \u4e2d\u6587 text, stra\u00dfe.",
        "ends with a word",
        "ends with punctuation!?",
        "  leading spaces, trailing spaces  "));
    ShingleBuffer fast = new ShingleBuffer();
    ShingleBuffer general = new ShingleBuffer();
    for (String text : texts) {
      SHINGLER.shingle(text, fast);
      SHINGLER.shingleOnTheGeneralPath(text, general);
      String at = text.substring(0, Math.min(60, text.length()));
      assertThat(tokens(fast)).as(at).isEqualTo(tokens(general));
      assertThat(fast.skeletonCopy()).as(at).isEqualTo(general.skeletonCopy());
      assertThat(java.util.Arrays.copyOf(fast.content(), fast.contentSize())).as(at)
          .isEqualTo(java.util.Arrays.copyOf(general.content(), general.contentSize()));
    }
  }

  private static List<String> tokens(ShingleBuffer buffer) {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < buffer.tokenCount(); i++) {
      tokens.add(buffer.tokenKind(i) + ":" + Long.toHexString(buffer.tokenHash[i]));
    }
    return tokens;
  }

  @Test
  void theLineEvidenceComesFromTheFirstAndLastLineBreakOfTheTokens() {
    // The lexer remembers its first and last line-break token instead of the skeleton scanning
    // for them; a closed quote takes tokens back, but never across a line.
    List<String> texts = new ArrayList<>();
    for (Prompt p : PromptSample.benign()) {
      texts.add(p.text());
    }
    texts.add("Summarise \"this\nquote\" please\nand \"that one\"\n\"a closed quote at the end\"");
    texts.add("```\ncode\n```\nthen\n\n\nthe \"last\nline\"");
    texts.add("no line break at all");
    ShingleBuffer buffer = new ShingleBuffer();
    for (String text : texts) {
      SHINGLER.shingle(text, buffer);
      int first = -1;
      int last = -1;
      for (int i = 0; i < buffer.tokenCount(); i++) {
        if (buffer.tokenKind(i) == TokenKind.NEWLINE) {
          first = first < 0 ? i : first;
          last = i;
        }
      }
      assertThat(buffer.firstNewline).as(text).isEqualTo(first);
      assertThat(buffer.lastNewline).as(text).isEqualTo(last);
    }
  }

  @Test
  void anAddressTakesItsWordsDigitsWithIt() {
    // the digits before '@' once stayed flagged, making the next long word an identifier
    ShingleBuffer buffer = new ShingleBuffer();
    SHINGLER.shingle("write to 12@example Überprüfung first", buffer);
    assertThat(buffer.tokenKind(2)).isEqualTo(TokenKind.EMAIL);
    assertThat(buffer.tokenKind(3)).isEqualTo(TokenKind.WORD);
    assertThat(buffer.contentSize()).isEqualTo(4); // write, to, überprüfung, first
  }

  /** On real tasks: one template, different tasks → similar; different templates → not. */
  @Test
  void sameTemplateWithDifferentTasksIsSimilarOnRealPrompts() {
    List<Prompt> tasks = new ArrayList<>(PromptSample.extractionStyle());
    Collections.shuffle(tasks, new Random(11));
    String template = "You are an expert tutor. Solve the following task and reply in JSON with "
        + "keys \"reasoning\" and \"answer\".\n\nTask:\n{t}\n\nRemember: JSON only, no prose.";
    String other = "Translate the text below into French, keeping the formatting.\n\n{t}\n\n"
        + "Return only the translation.";
    int n = 200;
    double same = 0;
    double cross = 0;
    double bare = 0;
    for (int i = 0; i < n; i++) {
      String a = tasks.get(2 * i).text();
      String b = tasks.get(2 * i + 1).text();
      same += similarity(template.replace("{t}", a), template.replace("{t}", b));
      cross += similarity(template.replace("{t}", a), other.replace("{t}", b));
      bare += similarity(a, b);
    }
    assertThat(same / n).isGreaterThan(0.6);
    assertThat(cross / n).isLessThan(0.1);
    assertThat(bare / n).isLessThan(0.1);
  }

  @Test
  void unrelatedBenignPromptsAreDissimilar() {
    List<Prompt> benign = new ArrayList<>(PromptSample.benign());
    Collections.shuffle(benign, new Random(12));
    int n = 500;
    int similar = 0;
    for (int i = 0; i < n; i++) {
      if (similarity(benign.get(2 * i).text(), benign.get(2 * i + 1).text()) >= 0.25) {
        similar++;
      }
    }
    assertThat(similar).isLessThan(n / 50); // < 2% of random pairs
  }

  private static String randomPrompt(java.util.SplittableRandom rnd) {
    String[] pieces = {"the", "Answer", "following", "internationalization", "JSON", "x", "3",
        "42.5", "1,000", ".", ",", ":", "?", "\n", "\n\n", "\"quoted words\"", "`code`",
        "https://example.com/a", "bob@example.org", "deadbeefcafe1234", "café", "Ｆｕｌｌ", "ﬁle",
        "step-by-step", "Let's", "{", "}", "```python\nprint(1)\n```", "(A)", "gpt4", "3rd"};
    StringBuilder sb = new StringBuilder();
    int n = 1 + rnd.nextInt(120);
    for (int i = 0; i < n; i++) {
      sb.append(pieces[rnd.nextInt(pieces.length)]).append(rnd.nextInt(4) == 0 ? "" : " ");
    }
    return sb.toString();
  }

  /** Invariants over random prompts: case, extra spaces and tabs, and a reused buffer. */
  @RepeatedTest(300)
  void skeletonIsInvariantUnderCaseAndWhitespace(RepetitionInfo info) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(info.getCurrentRepetition());
    String prompt = randomPrompt(rnd);
    long[] expected = skeleton(prompt);
    assertThat(skeleton(prompt.toUpperCase(java.util.Locale.ROOT).replace("ＦＵＬＬ", "Ｆｕｌｌ")
        .replace("ﬁ", "FI")))
        .as("upper case of %s", prompt).isEqualTo(expected);
    assertThat(skeleton(prompt.replace(" ", "  \t ")))
        .as("spaces of %s", prompt).isEqualTo(expected);
    ShingleBuffer reused = new ShingleBuffer();
    SHINGLER.shingle(randomPrompt(rnd), reused);
    SHINGLER.shingle(prompt, reused);
    assertThat(reused.skeletonCopy()).isEqualTo(expected);
    assertThat(SHINGLER.skeletonText(prompt)).isEqualTo(SHINGLER.skeletonText(prompt + "  "));
  }

  /**
   * Golden values: persisted signatures depend on them. If this fails, bump {@link
   * PromptShingler#SKELETON_VERSION} (or {@link OnePermutationMinHash#VERSION}) and update.
   */
  @Test
  void skeletonAndSignatureMatchGoldenValues() {
    ShingleBuffer buffer = new ShingleBuffer();
    PromptShingler.builder(99).build().shingle(
        "You are a helpful assistant.\nSolve: Natalia sold 48 clips in April.\nAnswer in JSON.", buffer);
    long[] signature = OnePermutationMinHash.create(128, 99)
        .compute(buffer.skeleton(), buffer.skeletonSize());
    assertThat(PromptShingler.SKELETON_VERSION).isEqualTo(2);
    assertThat(OnePermutationMinHash.VERSION).isEqualTo(1);
    assertThat(buffer.skeletonSize()).isEqualTo(228);
    assertThat(buffer.skeleton()[0]).isEqualTo(3091088010583421608L);
    assertThat(java.util.Arrays.hashCode(buffer.skeletonCopy())).isEqualTo(89672509);
    assertThat(signature[0]).isEqualTo(722838973739640L);
    assertThat(java.util.Arrays.hashCode(signature)).isEqualTo(-1456363867);
  }

  /**
   * The lexer skips the Normalizer for runs of chars it flags as inert: any such run, between
   * ASCII chars, must already be NFKC, and lower-casing it char by char must give the same
   * skeleton as lower-casing the whole string.
   */
  @Test
  void inertRunsAreAlreadyNormalised() {
    char[] inert = new char[65536];
    int count = 0;
    for (int c = 128; c < 65536; c++) {
      if (PromptShingler.isInert((char) c)) {
        inert[count++] = (char) c;
      }
    }
    assertThat(count).as("inert chars").isGreaterThan(40_000);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    for (int trial = 0; trial < 200_000; trial++) {
      StringBuilder sb = new StringBuilder("a");
      int n = 1 + rnd.nextInt(4);
      for (int k = 0; k < n; k++) {
        // neighbours in the same block compose most often: draw near the previous char
        char c = k > 0 && rnd.nextBoolean()
            ? inert[Math.floorMod(java.util.Arrays.binarySearch(inert, 0, count, sb.charAt(sb.length() - 1))
                + rnd.nextInt(-3, 4), count)]
            : inert[rnd.nextInt(count)];
        sb.append(c);
      }
      sb.append("b");
      String run = sb.toString();
      assertThat(java.text.Normalizer.isNormalized(run, java.text.Normalizer.Form.NFKC))
          .as("NFKC of %s", run.codePoints().mapToObj(Integer::toHexString).toList()).isTrue();
    }
    String mixed = "Привет, мир! 数据 Größe ÀÉÎ 学生 Ελληνικά";
    assertThat(skeleton(mixed)).isEqualTo(skeleton(mixed.toLowerCase(java.util.Locale.ROOT)));
  }
}
