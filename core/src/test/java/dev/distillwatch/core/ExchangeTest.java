package dev.distillwatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExchangeTest {

  @Test
  void requiresANonEmptyAccount() {
    assertThatThrownBy(() -> Exchange.builder().prompt("x").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("account");
    assertThatThrownBy(() -> Exchange.builder().account("").build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void isImmutableAndCopiesItsInputs() {
    Map<String, String> attrs = new java.util.HashMap<>(Map.of("asn", "AS64500"));
    Exchange e = Exchange.builder().account("a").attributes(attrs)
        .message(Role.SYSTEM, "sys").message(Role.USER, "first").message(Role.ASSISTANT, "reply")
        .message(Role.USER, "second").build();
    attrs.put("asn", "changed");
    assertThat(e.attributes()).containsEntry("asn", "AS64500");
    assertThatThrownBy(() -> e.messages().add(Message.of(Role.USER, "x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(e.lastUserText()).isEqualTo("second");
    assertThat(e.timestamp()).isEqualTo(Exchange.UNSET_TIMESTAMP);
    assertThat(e.withTimestamp(5).timestamp()).isEqualTo(5);
    assertThat(e.withTimestamp(5).messages()).isEqualTo(e.messages());
  }

  @Test
  void toStringNeverShowsPromptText() {
    Exchange e = Exchange.builder().account("a").prompt("my secret plan").build();
    assertThat(e.toString()).doesNotContain("secret");
    assertThat(e.messages().get(0).toString()).doesNotContain("secret");
  }

  @Test
  void aDerivationThatDerivesAnotherKeepsBothResults() {
    AtomicInteger inner = new AtomicInteger();
    Derivation<Integer> length = ex -> {
      inner.incrementAndGet();
      return ex.lastUserText().length();
    };
    Derivation<Integer> doubled = ex -> 2 * ex.derived(length);
    Exchange e = Exchange.builder().account("a").prompt("hello").build();
    assertThat(e.derived(doubled)).isEqualTo(10);
    assertThat(e.derived(length)).isEqualTo(5);
    assertThat(inner).hasValue(1);
  }

  @Test
  void derivedResultsAreComputedOncePerExchange() {
    AtomicInteger computed = new AtomicInteger();
    Derivation<Integer> length = ex -> {
      computed.incrementAndGet();
      return ex.lastUserText().length();
    };
    Derivation<String> upper = ex -> ex.lastUserText().toUpperCase(java.util.Locale.ROOT);
    Exchange e = Exchange.builder().account("a").prompt("hello").build();
    assertThat(e.derived(length)).isEqualTo(5);
    assertThat(e.derived(upper)).isEqualTo("HELLO");
    assertThat(e.derived(length)).isEqualTo(5);
    assertThat(computed).hasValue(1);
  }

  @Test
  void parametersReadTypedValuesTolerantly() {
    Parameters p = Parameters.of(Map.of(
        "temperature", 0.0, "max_tokens", 1, "logprobs", true, "top_logprobs", 20,
        "logit_bias", Map.of("1", 100, "2", -100, "3", 5), "n", 4,
        "stop", List.of("###", 7), "tools", List.of(Map.of("name", "search")), "seed", "x"));
    assertThat(p.temperature()).hasValue(0.0);
    assertThat(p.maxTokens()).hasValue(1);
    assertThat(p.logprobs()).isTrue();
    assertThat(p.topLogprobs()).hasValue(20);
    assertThat(p.logitBiasSize()).isEqualTo(3);
    assertThat(p.n()).hasValue(4);
    assertThat(p.stop()).containsExactly("###");
    assertThat(p.toolCount()).isEqualTo(1);
    assertThat(p.raw()).containsEntry("seed", "x");

    Parameters odd = Parameters.of(Map.of("temperature", "hot", "max_tokens", List.of(), "logprobs", 0));
    assertThat(odd.temperature()).isEmpty();
    assertThat(odd.maxTokens()).isEmpty();
    assertThat(odd.logprobs()).isFalse();
    assertThat(odd.raw()).containsEntry("temperature", "hot");
    assertThat(Parameters.of(Map.of("max_completion_tokens", 16)).maxTokens()).hasValue(16);
    assertThat(Parameters.none().toolsPresent()).isFalse();
  }

  @Test
  void rolesParseWireNames() {
    assertThat(Role.parse("developer")).isEqualTo(Role.SYSTEM);
    assertThat(Role.parse("Assistant")).isEqualTo(Role.ASSISTANT);
    assertThat(Role.parse("function")).isEqualTo(Role.TOOL);
    assertThatThrownBy(() -> Role.parse("robot")).hasMessageContaining("robot");
  }
}
