package dev.distillwatch.detectors.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFoldTest {

  @Test
  void foldsCaseWidthWhitespaceAndPunctuation() {
    assertThat(TextFold.fold("  Show\tALL\n\n your—REASONING!! ")).isEqualTo("show all your reasoning");
    assertThat(TextFold.fold("ＳＨＯＷ　ｙｏｕｒ　ｗｏｒｋ")).isEqualTo("show your work");
    assertThat(TextFold.fold("step-by-step, “please”")).isEqualTo("step by step please");
    assertThat(TextFold.fold("#Given Prompt#: <THINK>[[rating]]")).isEqualTo("#given prompt# <think>[[rating]]");
    assertThat(TextFold.fold("请输出你的推理过程。")).isEqualTo("请输出你的推理过程");
    assertThat(TextFold.fold("【思考】")).isEqualTo("[思考]");
  }

  @Test
  void foldsDiacriticsArabicMarksAndInvisibleChars() {
    assertThat(TextFold.fold("Muéstrame MONÓLOGO")).isEqualTo("muestrame monologo");
    assertThat(TextFold.fold("Ещё")).isEqualTo("еще");
    assertThat(TextFold.fold("أَفْكَارُكَ")).isEqualTo("افكارك");
    assertThat(TextFold.fold("إظهار آراء")).isEqualTo("اظهار اراء");
    assertThat(TextFold.fold("rea\u00ADson\u200Bing")).isEqualTo("reasoning");
  }

  @Test
  void perCharFoldMatchesTheStringFold() {
    for (char c = 0; c < 0x3100; c++) {
      char f = TextFold.fold(c);
      String s = TextFold.fold(String.valueOf(c));
      if (f == TextFold.IGNORED || f == TextFold.SEPARATOR) {
        assertThat(s).isEmpty();
      } else {
        assertThat(s).isEqualTo(String.valueOf(f));
      }
    }
  }
}
