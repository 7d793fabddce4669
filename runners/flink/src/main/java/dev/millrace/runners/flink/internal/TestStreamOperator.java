package dev.millrace.runners.flink.internal;

import dev.millrace.testing.TestStream;
import dev.millrace.windowing.WindowedValue;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Replays a {@link TestStream} (with parallelism 1) when its trigger element arrives: elements as
 * records in the global window, watermark events as Flink watermarks, in script order. With a
 * script {@link FlinkClock}, the Flink record timestamp of an element is its script step and the
 * Flink watermark after the k-th event stands for step k ({@link FlinkClock.Script#stepWatermark});
 * fused stages pass the step on, and every grouping processes a step's elements as one bundle
 * (all elements of a key in one call, triggers evaluated after them), as every runner does.
 * With real clocks, the record timestamp is the number of the {@code addElements} event (the
 * bundle) and watermark events are forwarded as event-time watermarks. The upstream trigger
 * source's own watermarks are swallowed, except the final one.
 */
public final class TestStreamOperator extends AbstractStreamOperator<WindowedValue<Object>>
    implements OneInputStreamOperator<Integer, WindowedValue<Object>> {
  private static final long serialVersionUID = 1L;

  private final TestStream<Object> stream;
  private final FlinkClock clock;
  private transient boolean ended;

  /** With a {@link FlinkClock#isScript() script clock}, the watermark after event k is step k. */
  @SuppressWarnings("unchecked")
  public TestStreamOperator(TestStream<?> stream, FlinkClock clock) {
    this.stream = (TestStream<Object>) stream;
    this.clock = clock;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void processElement(StreamRecord<Integer> trigger) {
    StreamRecord<WindowedValue<Object>> reuse = new StreamRecord<>(null);
    long bundle = 0;
    long step = 0;
    for (TestStream.Event<Object> event : stream.getEvents()) {
      step++;
      if (event instanceof TestStream.ElementEvent e) {
        List<Object> values = stream.decode(e);
        long[] ts = e.timestamps();
        bundle++;
        long tag = clock.isScript() ? step : bundle;
        for (int i = 0; i < values.size(); i++) {
          output.collect(reuse.replace(
              WindowedValue.timestampedValueInGlobalWindow(values.get(i), ts[i]), tag));
        }
      } else if (event instanceof TestStream.WatermarkEvent w && !clock.isScript()) {
        emit(Watermarks.toFlink(w.watermark()));
      }
      if (clock.isScript()) {
        emit(((FlinkClock.Script) clock).stepWatermark(step));
      }
    }
    emit(Long.MAX_VALUE);
  }

  private void emit(long flinkWatermark) {
    if (!ended) {
      ended = flinkWatermark == Long.MAX_VALUE;
      output.emitWatermark(new Watermark(flinkWatermark));
    }
  }

  @Override
  public void processWatermark(Watermark mark) {
    if (mark.getTimestamp() == Long.MAX_VALUE) {
      emit(Long.MAX_VALUE);
    }
  }
}
