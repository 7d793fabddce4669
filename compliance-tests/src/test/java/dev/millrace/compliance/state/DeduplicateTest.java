package dev.millrace.compliance.state;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;

import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Deduplicate;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deduplicate: repeats of a value (or key, or representative id) are dropped for the configured
 * duration after its first occurrence, in processing time or event time, and let through again
 * once it has passed.
 */
@Requires({Capability.STATE, Capability.TIMERS, Capability.TEST_STREAM})
class DeduplicateTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static TimestampedValue<String> s(String v, long seconds) {
    return TimestampedValue.of(v, t(seconds));
  }

  @Test
  @Requires(Capability.PROCESSING_TIME)
  void valuesAreForgottenAfterTheProcessingTimeDuration() {
    PCollection<String> out = p.apply(TestStream.create(StringUtf8Coder.of())
            .addElements(s("a", 1), s("b", 1), s("a", 2))
            .advanceProcessingTime(Duration.ofMinutes(5))
            .addElements(s("a", 3))
            .advanceProcessingTime(Duration.ofMinutes(6))
            .addElements(s("a", 4), s("b", 4), s("b", 5)))
        .apply(Deduplicate.values());
    PAssert.that(out).containsInAnyOrder("a", "b", "a", "b");
    p.run();
  }

  @Test
  void keyedValuesKeepTheFirstValueWithinAnEventTimeDuration() {
    PCollection<KV<String, Long>> out = p.apply(stream()
            .addElements(at("k", 1, 0), at("j", 9, 0))
            .addElements(at("k", 2, 30))
            .advanceWatermarkTo(t(61))
            .addElements(at("k", 3, 70))
            .addElements(at("k", 4, 100)))
        .apply(Deduplicate.<String, Long>keyedValues()
            .withDuration(Duration.ofMinutes(1)).withTimeDomain(TimeDomain.EVENT_TIME));
    PAssert.that(out).containsInAnyOrder(KV.of("k", 1L), KV.of("j", 9L), KV.of("k", 3L));
    p.run();
  }

  @Test
  void representativeValuesAreDeduplicatedByTheirId() {
    PCollection<String> out = p.apply(TestStream.create(StringUtf8Coder.of())
            .addElements(s("apple", 1))
            .addElements(s("avocado", 2), s("banana", 2))
            .addElements(s("blueberry", 3), s("cherry", 3)))
        .apply(Deduplicate.withRepresentativeValueFn((String v) -> v.substring(0, 1))
            .withRepresentativeCoder(StringUtf8Coder.of()));
    PAssert.that(out).containsInAnyOrder("apple", "banana", "cherry");
    p.run();
  }
}
