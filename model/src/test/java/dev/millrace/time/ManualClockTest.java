package dev.millrace.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void readsTheTimeItWasSetTo() {
    ManualClock clock = ManualClock.at(T0);
    assertThat(clock.now()).isEqualTo(T0);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(ManualClock.atEpoch().millis()).isZero();
    assertThat(ManualClock.atMillis(42).now()).isEqualTo(Instant.ofEpochMilli(42));
  }

  @Test
  void movesOnlyWhenAdvancedOrSet() {
    ManualClock clock = ManualClock.at(T0);
    assertThat(clock.millis()).isEqualTo(clock.millis());
    assertThat(clock.advance(Duration.ofSeconds(5))).isEqualTo(T0.plusSeconds(5));
    assertThat(clock.now()).isEqualTo(T0.plusSeconds(5));
    assertThat(clock.advanceMillis(250)).isEqualTo(T0.toEpochMilli() + 5_250);
    clock.set(T0.plusSeconds(60));
    assertThat(clock.now()).isEqualTo(T0.plusSeconds(60));
    clock.set(T0.plusSeconds(60));
    assertThat(clock.now()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void neverGoesBack() {
    ManualClock clock = ManualClock.at(T0);
    assertThatThrownBy(() -> clock.set(T0.minusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot go back");
    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-negative");
    assertThat(clock.now()).isEqualTo(T0);
  }

  @Test
  void systemClockFollowsTheWallClockAndNeverDecreases() {
    long before = System.currentTimeMillis();
    long first = Clock.system().millis();
    long second = Clock.system().millis();
    long after = System.currentTimeMillis();
    assertThat(first).isBetween(before, after);
    assertThat(second).isGreaterThanOrEqualTo(first).isLessThanOrEqualTo(after);
  }

  @Test
  void systemClockStaysTheSingletonAfterSerialisation() throws Exception {
    assertThat(roundTrip(Clock.system())).isSameAs(Clock.system());
  }

  @Test
  void deserialisedManualClockIsIndependentCopy() throws Exception {
    ManualClock clock = ManualClock.at(T0);
    ManualClock copy = (ManualClock) roundTrip(clock);
    clock.advance(Duration.ofSeconds(1));
    assertThat(copy.now()).isEqualTo(T0);
  }

  private static Object roundTrip(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }
}
