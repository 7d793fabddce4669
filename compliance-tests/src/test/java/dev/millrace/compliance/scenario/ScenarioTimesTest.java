package dev.millrace.compliance.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.windowing.Timestamps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scenario format's instants and durations. */
class ScenarioTimesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "\"00:00:00\"                  | 0",
      "\"00:01:10\"                  | 70000",
      "\"23:59:59.999\"              | 86399999",
      "\"00:00:26.5\"                | 26500",
      "12345                         | 12345",
      "-45000                        | -45000",
      "\"1970-01-01T00:00:26.500Z\"  | 26500",
      "\"2020-03-01T12:00:26Z\"      | 1583064026000",
      "\"2020-03-01T13:00:26+01:00\" | 1583064026000",
      "\"+inf\"                      | 9223372036854775",
      "\"-inf\"                      | -9223372036854775",
      "9223371950454775              | 9223371950454775"})
  void instants(String json, long millis) throws Exception {
    assertThat(ScenarioTimes.instant(json(json), "$.t")).isEqualTo(millis);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"24:00:00\"             | not a time of day",
      "\"0:00:10\"              | an instant is",
      "\"2020-03-01T12:00:26\"  | an instant is",
      "\"2020-03-01T12:00:26.0001Z\" | whole millisecond",
      "1.5                      | an instant is",
      "true                     | an instant is",
      "-9223372036854776        | out of range"})
  void badInstants(String json, String fragment) throws Exception {
    assertThatThrownBy(() -> ScenarioTimes.instant(json(json), "$.t"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("at $.t: ")
        .hasMessageContaining(fragment);
  }

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource(delimiter = '|', value = {
      "\"PT2M\"   | 120000",
      "\"PT0.5S\" | 500",
      "\"P1D\"    | 86400000",
      "1500       | 1500",
      "0          | 0"})
  void durations(String json, long millis) throws Exception {
    assertThat(ScenarioTimes.duration(json(json), "$.d")).isEqualTo(millis);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"2 minutes\" | a duration is",
      "2.5           | a duration is",
      "\"PT0.0005S\" | whole millisecond"})
  void badDurations(String json, String fragment) throws Exception {
    assertThatThrownBy(() -> ScenarioTimes.duration(json(json), "$.d"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining(fragment);
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource(delimiter = '|', value = {
      "0                 | 00:00:00",
      "59999             | 00:00:59.999",
      "9223372036854775  | +inf",
      "-9223372036854775 | -inf",
      "1583064026000     | 2020-03-01T12:00:26Z"})
  void readable(long millis, String text) {
    assertThat(ScenarioTimes.readable(millis)).isEqualTo(text);
    if (millis != Timestamps.MAX && millis != Timestamps.MIN) {
      assertThat(ScenarioTimes.instant(text, "$")).isEqualTo(millis);
    }
  }
}
