package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Reshuffle;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reshuffle.of and viaRandomKey keep elements, timestamps, windows and windowing strategy. */
class ReshuffleTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** Outputs "value@timestampMillis". */
  static final class StampFn<T> extends DoFn<T, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element() + "@" + c.timestamp().toEpochMilli());
    }
  }

  /** Outputs "value in windowStartMillis". */
  static final class WindowFn<T> extends DoFn<T, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element() + " in " + c.window().maxTimestamp().toEpochMilli());
    }
  }

  @Test
  void byKeyKeepsElementsAndTimestamps() {
    PCollection<KV<String, Integer>> in = p.apply(Create.timestamped(
        TimestampedValue.of(KV.of("a", 1), Instant.ofEpochMilli(10)),
        TimestampedValue.of(KV.of("a", 2), Instant.ofEpochMilli(20)),
        TimestampedValue.of(KV.of("b", 3), Instant.ofEpochMilli(30))));
    PCollection<KV<String, Integer>> out = in.apply(Reshuffle.of());
    assertThat(out.getCoder()).isEqualTo(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()));
    assertThat(out.getWindowingStrategy()).isEqualTo(in.getWindowingStrategy());
    PAssert.that(out.apply(ParDo.of(new StampFn<KV<String, Integer>>())).setCoder(StringUtf8Coder.of()))
        .containsInAnyOrder("KV{a, 1}@10", "KV{a, 2}@20", "KV{b, 3}@30");
    p.run().waitUntilFinish();
  }

  @Test
  void viaRandomKeyKeepsElementsTimestampsAndWindows() {
    PCollection<Long> in = p.apply(Create.timestamped(
        TimestampedValue.of(1L, Instant.ofEpochMilli(5)),
        TimestampedValue.of(2L, Instant.ofEpochMilli(15)),
        TimestampedValue.of(2L, Instant.ofEpochMilli(15))));
    PCollection<Long> windowed =
        in.apply(Window.<Long>into(FixedWindows.of(Duration.ofMillis(10))));
    PCollection<Long> out = windowed.apply(Reshuffle.viaRandomKey());
    assertThat(out.getCoder()).isEqualTo(VarLongCoder.of());
    assertThat(out.getWindowingStrategy()).isEqualTo(windowed.getWindowingStrategy());
    PAssert.that(out.apply("stamp", ParDo.of(new StampFn<Long>())).setCoder(StringUtf8Coder.of()))
        .containsInAnyOrder("1@5", "2@15", "2@15");
    PAssert.that(out.apply("window", ParDo.of(new WindowFn<Long>())).setCoder(StringUtf8Coder.of()))
        .containsInAnyOrder("1 in 9", "2 in 19", "2 in 19");
    p.run().waitUntilFinish();
  }

  @Test
  void emptyInput() {
    PAssert.that(p.apply(Create.empty(VarLongCoder.of())).apply(Reshuffle.viaRandomKey())).empty();
    p.run().waitUntilFinish();
  }
}
