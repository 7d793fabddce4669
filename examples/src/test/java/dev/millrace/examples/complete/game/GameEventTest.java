package dev.millrace.examples.complete.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CSV form of {@link GameEvent}: what parses, and what is rejected with which message. */
class GameEventTest {

  static Stream<Arguments> validLines() {
    return Stream.of(
        Arguments.of("user1_Red,Red,12,1000", new GameEvent("user1_Red", "Red", 12, 1000)),
        Arguments.of(" u , t , 0 , -5 ", new GameEvent("u", "t", 0, -5)),
        Arguments.of("robot0_Red,Red,999,1704067200000",
            new GameEvent("robot0_Red", "Red", 999, 1_704_067_200_000L)));
  }

  @ParameterizedTest
  @MethodSource("validLines")
  void parsesValidLines(String line, GameEvent expected) {
    assertThat(GameEvent.parseCsv(line)).isEqualTo(expected);
  }

  static Stream<Arguments> malformedLines() {
    return Stream.of(
        Arguments.of("", "expected 4 comma-separated fields"),
        Arguments.of("a,b,3", "but found 3"),
        Arguments.of("a,b,3,4,5", "but found 5"),
        Arguments.of("a,b,x,4", "score field is not a whole number: 'x'"),
        Arguments.of("a,b,3,soon", "timestampMillis field is not a whole number: 'soon'"),
        Arguments.of("a,b,-3,4", "score must not be negative"),
        Arguments.of(",b,3,4", "user name must not be empty"),
        Arguments.of("a, ,3,4", "team name must not be empty"),
        Arguments.of("a,b,2.5,4", "score field is not a whole number"));
  }

  @ParameterizedTest
  @MethodSource("malformedLines")
  void rejectsMalformedLinesSayingWhy(String line, String message) {
    assertThatThrownBy(() -> GameEvent.parseCsv(line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void csvRoundTrips() {
    GameEvent e = new GameEvent("user3_AmberQuokka", "AmberQuokka", 17, 1_704_067_260_123L);
    assertThat(e.toCsv()).isEqualTo("user3_AmberQuokka,AmberQuokka,17,1704067260123");
    assertThat(GameEvent.parseCsv(e.toCsv())).isEqualTo(e);
  }
}
