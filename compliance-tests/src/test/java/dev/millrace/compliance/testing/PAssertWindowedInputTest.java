package dev.millrace.compliance.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PAssert on bounded collections that are not in the global window: without a window-specific
 * assertion, the elements of all windows are checked together (as in Beam).
 */
@Requires(Capability.COMBINE)
class PAssertWindowedInputTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private PCollection<String> windowedWords() {
    return p.apply(Create.timestamped(
            TimestampedValue.of("a", T0),
            TimestampedValue.of("a", T0.plusSeconds(30)),
            TimestampedValue.of("a", T0.plusSeconds(90)),
            TimestampedValue.of("b", T0.plusSeconds(100))))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))));
  }

  @Test
  void allWindowsAreCombined() {
    PCollection<String> words = windowedWords();
    PAssert.that(words).containsInAnyOrder("a", "a", "a", "b");
    PAssert.that(words.apply(Count.perElement()))
        .containsInAnyOrder(KV.of("a", 2L), KV.of("a", 1L), KV.of("b", 1L));
    p.run();
  }

  @Test
  void aMismatchInAWindowedCollectionIsReported() {
    PAssert.that(windowedWords().apply(Count.perElement()))
        .containsInAnyOrder(KV.of("a", 3L), KV.of("b", 1L));
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Missing: [" + KV.of("a", 3L) + "]")
        .hasMessageContaining("Unexpected: [" + KV.of("a", 1L) + ", " + KV.of("a", 2L) + "]");
  }
}
