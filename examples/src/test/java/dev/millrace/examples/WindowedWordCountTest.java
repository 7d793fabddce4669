package dev.millrace.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Word counts per fixed window, and the deterministic line timestamps of the example. */
class WindowedWordCountTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void countsWordsPerFixedWindow() {
    PCollection<String> out = p
        .apply(Create.timestamped(
            TimestampedValue.of("the king", T0.plus(Duration.ofMinutes(1))),
            TimestampedValue.of("The king, is here!", T0.plus(Duration.ofMinutes(9))),
            TimestampedValue.of("the fool", T0.plus(Duration.ofMinutes(10))),
            TimestampedValue.of("king king", T0.plus(Duration.ofMinutes(25)))))
        .apply(new WindowedWordCount.CountWordsPerWindow(Duration.ofMinutes(10)))
        .apply(ParDo.of(new WindowedWordCount.FormatWithWindowFn()));
    String w0 = "2024-01-01T00:00:00Z/2024-01-01T00:10:00Z ";
    String w1 = "2024-01-01T00:10:00Z/2024-01-01T00:20:00Z ";
    String w2 = "2024-01-01T00:20:00Z/2024-01-01T00:30:00Z ";
    PAssert.that(out).containsInAnyOrder(
        w0 + "the: 1", w0 + "The: 1", w0 + "king: 2", w0 + "is: 1", w0 + "here: 1",
        w1 + "the: 1", w1 + "fool: 1",
        w2 + "king: 2");
    p.run();
  }

  @Test
  void timestampsAreDeterministicWithinTheRangeAndSpread() {
    WindowedWordCount.AddTimestampFn fn =
        new WindowedWordCount.AddTimestampFn(T0, Duration.ofHours(2), 1);
    WindowedWordCount.AddTimestampFn same =
        new WindowedWordCount.AddTimestampFn(T0, Duration.ofHours(2), 1);
    WindowedWordCount.AddTimestampFn otherSeed =
        new WindowedWordCount.AddTimestampFn(T0, Duration.ofHours(2), 2);
    Set<Long> tenMinuteSlots = new HashSet<>();
    int differ = 0;
    for (int i = 0; i < 200; i++) {
      String line = "line number " + i;
      Instant t = fn.timestampOf(line);
      assertThat(t).isEqualTo(same.timestampOf(line));
      assertThat(t).isBetween(T0, T0.plus(Duration.ofHours(2)).minusMillis(1));
      tenMinuteSlots.add(Duration.between(T0, t).toMinutes() / 10);
      if (!otherSeed.timestampOf(line).equals(t)) {
        differ++;
      }
    }
    assertThat(tenMinuteSlots).hasSize(12);
    assertThat(differ).isGreaterThan(190);
  }

  @Test
  void windowedCountsAddUpToTheOverallCounts() {
    List<String> lines = List.of("a b c", "a b", "a", "c c c", "b a", "d");
    PCollection<String> out = p.apply(Create.of(lines))
        .apply(ParDo.of(new WindowedWordCount.AddTimestampFn(T0, Duration.ofHours(2), 5)))
        .apply(new WindowedWordCount.CountWordsPerWindow(Duration.ofMinutes(10)))
        .apply(ParDo.of(new WindowedWordCount.FormatWithWindowFn()));
    PAssert.that(out).satisfies(formatted -> {
      Map<String, Long> totals = new HashMap<>();
      for (String line : formatted) {
        String[] parts = line.split(" ");
        String[] interval = parts[0].split("/");
        Instant start = Instant.parse(interval[0]);
        assertThat(Duration.between(start, Instant.parse(interval[1])))
            .isEqualTo(Duration.ofMinutes(10));
        assertThat(start.toEpochMilli() % Duration.ofMinutes(10).toMillis()).isZero();
        assertThat(start).isBetween(T0, T0.plus(Duration.ofHours(2)));
        String word = parts[1].substring(0, parts[1].length() - 1);
        totals.merge(word, Long.parseLong(parts[2]), Long::sum);
      }
      assertThat(totals).isEqualTo(Map.of("a", 4L, "b", 3L, "c", 4L, "d", 1L));
      return null;
    });
    p.run();
  }
}
