package dev.distillwatch.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrafficTimestampsTest {

  @Test
  void formatsUtcWithMillis() {
    assertThat(TrafficTimestamps.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(TrafficTimestamps.format(TrafficTimestamps.parse("2026-04-22T10:00:01.5+02:00")))
        .isEqualTo("2026-04-22T08:00:01.500Z");
    assertThat(TrafficTimestamps.format(TrafficTimestamps.MINIMUM)).isEqualTo("0000-01-01T00:00:00.000Z");
    assertThat(TrafficTimestamps.format(TrafficTimestamps.MAXIMUM)).isEqualTo("9999-12-31T23:59:59.999Z");
  }

  @Test
  void rejectsTextWithoutOffsetAndYearsRfc3339CannotWrite() {
    assertThatThrownBy(() -> TrafficTimestamps.parse("2026-04-22 08:00:00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrafficTimestamps.parse("+12026-04-22T08:00:00Z")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrafficTimestamps.format(TrafficTimestamps.MAXIMUM + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
