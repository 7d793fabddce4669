package dev.millrace.runners.direct.state;

import static dev.millrace.runners.direct.state.StateKindsTest.kv;
import static dev.millrace.runners.direct.state.StateKindsTest.stream;
import static dev.millrace.runners.direct.state.StateKindsTest.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupIntoBatches;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GroupIntoBatches on the direct runner: count, byte and buffering-time limits, windows. */
class GroupIntoBatchesTest implements Serializable {

  /** Renders a batch as "key[v1, v2]@seconds". */
  static final class Render extends DoFn<KV<String, Iterable<Integer>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getKey() + c.element().getValue() + "@" + c.timestamp().getEpochSecond());
    }
  }

  private static List<String> batches(
      TestStream<KV<String, Integer>> events, GroupIntoBatches<String, Integer> batching,
      boolean fixedWindows) {
    Pipeline p = Collect.pipeline();
    PCollection<KV<String, Integer>> in = p.apply(events);
    if (fixedWindows) {
      in = in.apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))));
    }
    String id = Collect.of(in.apply(batching).apply(ParDo.of(new Render())));
    Collect.run(p);
    return Collect.results(id);
  }

  @Test
  void emitsFullBatchesAndTheRestAtTheEndOfTheWindow() {
    TestStream<KV<String, Integer>> events = stream()
        .addElements(kv("a", 1, 1), kv("a", 2, 2), kv("a", 3, 3), kv("a", 4, 4))
        .addElements(kv("a", 5, 5), kv("a", 6, 6), kv("a", 7, 7));
    List<String> out = batches(events, GroupIntoBatches.ofSize(3), false);
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).isEqualTo("a[1, 2, 3]@3");
    assertThat(out.get(1)).isEqualTo("a[4, 5, 6]@6");
    assertThat(out.get(2)).startsWith("a[7]@7"); // end of input: held at the buffered element
  }

  @Test
  void keysAreBatchedSeparately() {
    TestStream<KV<String, Integer>> events = stream()
        .addElements(kv("a", 1, 1), kv("b", 2, 1), kv("a", 3, 1), kv("b", 4, 1));
    assertThat(batches(events, GroupIntoBatches.ofSize(2), false))
        .containsExactlyInAnyOrder("a[1, 3]@1", "b[2, 4]@1");
  }

  @Test
  void byteLimitFlushesBeforeABatchWouldExceedIt() {
    // VarInt sizes: 1 -> 1 byte, 300 -> 2 bytes, 100000 -> 3 bytes; limit 3 bytes
    TestStream<KV<String, Integer>> events = stream()
        .addElements(kv("a", 1, 1), kv("a", 1, 2), kv("a", 300, 3), kv("a", 1, 4))
        .addElements(kv("a", 100000, 5), kv("a", 1, 6));
    assertThat(batches(events, GroupIntoBatches.ofByteSize(3), false)).containsExactly(
        "a[1, 1]@3", "a[300, 1]@4", "a[100000]@5", "a[1]@6");
  }

  @Test
  void sizeAndByteLimitsCombine() {
    TestStream<KV<String, Integer>> events = stream()
        .addElements(kv("a", 1, 1), kv("a", 1, 2), kv("a", 300, 3), kv("a", 1, 4));
    assertThat(batches(events, GroupIntoBatches.<String, Integer>ofSize(1).withByteSize(100), false))
        .containsExactly("a[1]@1", "a[1]@2", "a[300]@3", "a[1]@4");
  }

  @Test
  void maxBufferingDurationEmitsPartialBatchesInProcessingTime() {
    TestStream<KV<String, Integer>> events = stream()
        .addElements(kv("a", 1, 1), kv("a", 2, 2))
        .advanceProcessingTime(Duration.ofSeconds(30))
        .addElements(kv("a", 3, 3))
        .advanceProcessingTime(Duration.ofSeconds(31))
        .addElements(kv("a", 4, 4));
    List<String> out = batches(events,
        GroupIntoBatches.<String, Integer>ofSize(100)
            .withMaxBufferingDuration(Duration.ofMinutes(1)), false);
    assertThat(out).containsExactly("a[1, 2, 3]@1", "a[4]@4");
  }

  @Test
  void batchesNeverSpanWindowsAndAreOnTimeInTheirWindow() {
    TestStream<KV<String, Integer>> events = stream()
        .addElements(kv("a", 1, 10), kv("a", 2, 70), kv("a", 3, 20))
        .advanceWatermarkTo(t(65))
        .addElements(kv("a", 4, 80));
    assertThat(batches(events, GroupIntoBatches.ofSize(10), true))
        .containsExactly("a[1, 3]@10", "a[2, 4]@70");
  }

  @Test
  void invalidLimitsAreRejected() {
    assertThatThrownBy(() -> GroupIntoBatches.ofSize(0))
        .hasMessageContaining("batch size must be positive");
    assertThatThrownBy(() -> GroupIntoBatches.ofByteSize(-1))
        .hasMessageContaining("byte size must be positive");
    assertThatThrownBy(() -> GroupIntoBatches.ofSize(1).withMaxBufferingDuration(Duration.ZERO))
        .hasMessageContaining("buffering duration must be positive");
  }
}
