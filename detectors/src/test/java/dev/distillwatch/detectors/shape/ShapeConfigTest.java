package dev.distillwatch.detectors.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeConfigTest {

  @Test
  void defaultsAreCappedBelowWatch() {
    ShapeConfig c = ShapeConfig.ofDefaults();
    assertThat(c.maximumScore()).isLessThan(0.5);
    assertThat(c.oneShotFloor()).isLessThan(c.oneShotSaturation());
    assertThat(c.sustainedFloorHours()).isLessThan(c.sustainedHours());
    assertThat(ShapeConfig.ofDefaults()).isSameAs(c);
    assertThat(c.toString()).contains("oneShot=[0.6, 0.9]->0.25");
  }

  @Test
  void builderKeepsValues() {
    ShapeConfig c = ShapeConfig.builder().maximumScore(0.4).oneShotShares(0.5, 0.8).timingWeight(0)
        .spreads(0.1, 0.9).minimumRequests(5).tasksRemembered(8).sustainedHours(2, 4).build();
    assertThat(c.maximumScore()).isEqualTo(0.4);
    assertThat(c.oneShotFloor()).isEqualTo(0.5);
    assertThat(c.oneShotSaturation()).isEqualTo(0.8);
    assertThat(c.timingWeight()).isZero();
    assertThat(c.regularSpread()).isEqualTo(0.1);
    assertThat(c.minimumRequests()).isEqualTo(5);
    assertThat(c.tasksRemembered()).isEqualTo(8);
    assertThat(c.sustainedHours()).isEqualTo(4);
  }

  @Test
  void builderRejectsNonsense() {
    assertThatThrownBy(() -> ShapeConfig.builder().maximumScore(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShapeConfig.builder().oneShotShares(0.9, 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShapeConfig.builder().spreads(0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShapeConfig.builder().tasksRemembered(1000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShapeConfig.builder().sustainedHours(5, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShapeConfig.builder().timeConstantMillis(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
