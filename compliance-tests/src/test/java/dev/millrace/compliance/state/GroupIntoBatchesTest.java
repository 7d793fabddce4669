package dev.millrace.compliance.state;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupIntoBatches;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GroupIntoBatches: batches per key (and window) limited by count, by encoded byte size, or both,
 * and flushed after a maximum buffering duration in processing time; what remains is emitted when
 * the window ends. Batches are rendered {@code "key[values] window"} with values in arrival order.
 */
@Requires({Capability.STATE, Capability.TIMERS, Capability.TEST_STREAM})
class GroupIntoBatchesTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** Renders a batch as "key[v1, v2] window". */
  static final class Render extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getKey() + c.element().getValue() + " " + Panes.window(c.window()));
    }
  }

  private PCollection<String> batches(
      TestStream<KV<String, Long>> events, GroupIntoBatches<String, Long> batching,
      boolean fixedWindows) {
    PCollection<KV<String, Long>> in = p.apply(events);
    if (fixedWindows) {
      in = in.apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))));
    }
    return in.apply(batching).apply(ParDo.of(new Render()));
  }

  @Test
  void fullBatchesAreEmittedAndTheRestAtTheEndOfTheWindow() {
    PCollection<String> out = batches(stream()
            .addElements(at("a", 1, 1), at("a", 2, 2), at("a", 3, 3), at("a", 4, 4))
            .addElements(at("a", 5, 5), at("a", 6, 6), at("a", 7, 7)),
        GroupIntoBatches.ofSize(3), false);
    PAssert.that(out).containsInAnyOrder("a[1, 2, 3] GW", "a[4, 5, 6] GW", "a[7] GW");
    p.run();
  }

  @Test
  void keysAreBatchedSeparately() {
    PCollection<String> out = batches(stream()
            .addElements(at("a", 1, 1), at("b", 2, 1))
            .addElements(at("a", 3, 1), at("b", 4, 1), at("b", 6, 1)),
        GroupIntoBatches.ofSize(2), false);
    PAssert.that(out).containsInAnyOrder("a[1, 3] GW", "b[2, 4] GW", "b[6] GW");
    p.run();
  }

  @Test
  void aByteLimitFlushesBeforeABatchWouldExceedIt() {
    // VarLong sizes: 1 -> 1 byte, 300 -> 2 bytes, 100000 -> 3 bytes; the limit is 3 bytes
    PCollection<String> out = batches(stream()
            .addElements(at("a", 1, 1)).addElements(at("a", 1, 2)).addElements(at("a", 300, 3))
            .addElements(at("a", 1, 4)).addElements(at("a", 100000, 5))
            .addElements(at("a", 1, 6)),
        GroupIntoBatches.ofByteSize(3), false);
    PAssert.that(out).containsInAnyOrder("a[1, 1] GW", "a[300, 1] GW", "a[100000] GW", "a[1] GW");
    p.run();
  }

  @Test
  void sizeAndByteLimitsApplyTogether() {
    PCollection<String> out = batches(stream()
            .addElements(at("a", 1, 1)).addElements(at("a", 1, 2)).addElements(at("a", 300, 3))
            .addElements(at("a", 1, 4)).addElements(at("a", 1, 5)),
        GroupIntoBatches.<String, Long>ofSize(2).withByteSize(3), false);
    PAssert.that(out).containsInAnyOrder("a[1, 1] GW", "a[300, 1] GW", "a[1] GW");
    p.run();
  }

  @Test
  @Requires(Capability.PROCESSING_TIME)
  void aMaxBufferingDurationEmitsPartialBatches() {
    PCollection<String> out = batches(stream()
            .addElements(at("a", 1, 1), at("a", 2, 2))
            .advanceProcessingTime(Duration.ofSeconds(30))
            .addElements(at("a", 3, 3))
            .advanceProcessingTime(Duration.ofSeconds(31))
            .addElements(at("a", 4, 4)),
        GroupIntoBatches.<String, Long>ofSize(100)
            .withMaxBufferingDuration(Duration.ofMinutes(1)), false);
    PAssert.that(out).containsInAnyOrder("a[1, 2, 3] GW", "a[4] GW");
    p.run();
  }

  @Test
  void batchesNeverSpanWindows() {
    PCollection<String> out = batches(stream()
            .addElements(at("a", 1, 10), at("a", 2, 70), at("a", 3, 20))
            .advanceWatermarkTo(t(65))
            .addElements(at("a", 4, 80)),
        GroupIntoBatches.ofSize(10), true);
    PAssert.that(out).containsInAnyOrder("a[1, 3] [0,60)", "a[2, 4] [60,120)");
    p.run();
  }
}
