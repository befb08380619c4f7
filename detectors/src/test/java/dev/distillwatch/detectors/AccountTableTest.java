package dev.distillwatch.detectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccountTableTest {
  private static Exchange from(String account) {
    return Exchange.builder().account(account).timestamp(1).prompt("q").build();
  }

  @Test
  void slotsHoldOneStatePerAccountEach() {
    AccountTable table = AccountTable.create(Settings.of(1, 100, Clock.system()));
    AccountTable.Slot<AtomicLong> a = table.slot(e -> new AtomicLong());
    AccountTable.Slot<StringBuilder> b = table.slot(e -> new StringBuilder(e.account()));
    a.of(from("x")).incrementAndGet();
    a.of(from("x")).incrementAndGet();
    a.of(from("y")).incrementAndGet();
    assertThat(a.of(from("x")).get()).isEqualTo(2);
    assertThat(a.of(from("y")).get()).isEqualTo(1);
    assertThat(b.of(from("x")).toString()).isEqualTo("x");
    assertThat(table.accounts()).isEqualTo(2);
  }

  @Test
  void slotsAreRegisteredBeforeTheFirstLookUp() {
    AccountTable table = AccountTable.create(Settings.of(1, 100, Clock.system()));
    table.slot(e -> new Object()).of(from("x"));
    assertThatThrownBy(() -> table.slot(e -> new Object())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void holdsAtMostTheMaximumAccounts() {
    AccountTable table = AccountTable.create(Settings.of(1, 50, Clock.system()));
    AccountTable.Slot<AtomicLong> a = table.slot(e -> new AtomicLong());
    for (int i = 0; i < 1_000; i++) {
      a.of(from("acct-" + i)).incrementAndGet();
    }
    assertThat(table.accounts()).isLessThanOrEqualTo(50);
  }
}
