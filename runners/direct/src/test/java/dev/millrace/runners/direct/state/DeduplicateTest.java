package dev.millrace.runners.direct.state;

import static dev.millrace.runners.direct.state.StateKindsTest.kv;
import static dev.millrace.runners.direct.state.StateKindsTest.stream;
import static dev.millrace.runners.direct.state.StateKindsTest.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Deduplicate;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import java.io.Serializable;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Deduplicate on the direct runner: repeats dropped within the duration, in either time domain. */
class DeduplicateTest implements Serializable {

  private static TimestampedValue<String> s(String v, int seconds) {
    return TimestampedValue.of(v, t(seconds));
  }

  @Test
  void valuesForgetsAfterTheProcessingTimeDuration() {
    Pipeline p = Collect.pipeline();
    TestStream<String> events = TestStream.create(StringUtf8Coder.of())
        .addElements(s("a", 1), s("b", 1), s("a", 2))
        .advanceProcessingTime(Duration.ofMinutes(5))
        .addElements(s("a", 3))
        .advanceProcessingTime(Duration.ofMinutes(6))
        .addElements(s("a", 4), s("b", 4));
    PCollection<String> out = p.apply(events).apply(Deduplicate.values());
    String id = Collect.of(out);
    Collect.run(p);
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder("a", "b", "a", "b");
  }

  @Test
  void keyedValuesKeepsTheFirstValueWithinAnEventTimeDuration() {
    Pipeline p = Collect.pipeline();
    TestStream<KV<String, Integer>> events = stream()
        .addElements(kv("k", 1, 0), kv("j", 9, 0))
        .addElements(kv("k", 2, 30))
        .advanceWatermarkTo(t(61))
        .addElements(kv("k", 3, 70))
        .addElements(kv("k", 4, 100));
    PCollection<KV<String, Integer>> out = p.apply(events)
        .apply(Deduplicate.<String, Integer>keyedValues()
            .withDuration(Duration.ofMinutes(1)).withTimeDomain(TimeDomain.EVENT_TIME));
    String id = Collect.of(out);
    Collect.run(p);
    assertThat(Collect.<KV<String, Integer>>results(id))
        .containsExactlyInAnyOrder(KV.of("k", 1), KV.of("j", 9), KV.of("k", 3));
  }

  @Test
  void representativeValuesDeduplicateById() {
    Pipeline p = Collect.pipeline();
    TestStream<String> events = TestStream.create(StringUtf8Coder.of())
        .addElements(s("apple", 1))
        .addElements(s("avocado", 2), s("banana", 2));
    PCollection<String> out = p.apply(events)
        .apply(Deduplicate.withRepresentativeValueFn((String v) -> v.substring(0, 1))
            .withRepresentativeCoder(StringUtf8Coder.of()));
    String id = Collect.of(out);
    Collect.run(p);
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder("apple", "banana");
  }

  @Test
  void representativeValuesNeedACoder() {
    Pipeline p = Collect.pipeline();
    PCollection<String> in = p.apply(TestStream.create(StringUtf8Coder.of()).addElements(s("a", 1)));
    assertThatThrownBy(() -> in.apply(Deduplicate.withRepresentativeValueFn((String v) -> v)))
        .hasMessageContaining("withRepresentativeCoder");
  }
}
