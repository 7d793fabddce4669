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
 * records in the global window, watermark events as Flink watermarks, in script order. The Flink
 * record timestamp of an element is the number of its {@code addElements} event: fused stages
 * pass it on, and groupings process the elements of one event as one bundle (all elements of a
 * key in one call, triggers evaluated after them), as every runner does. The
 * upstream trigger source's own watermarks are swallowed, except the final one. With a script
 * {@link FlinkClock} the Flink watermark after the k-th event is the one standing for step k
 * ({@link FlinkClock#stepWatermark}; the clocks are looked up from it); with real clocks,
 * watermark events are forwarded as event-time watermarks.
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
        for (int i = 0; i < values.size(); i++) {
          output.collect(reuse.replace(
              WindowedValue.timestampedValueInGlobalWindow(values.get(i), ts[i]), bundle));
        }
      } else if (event instanceof TestStream.WatermarkEvent w && !clock.isScript()) {
        emit(Watermarks.toFlink(w.watermark()));
      }
      if (clock.isScript()) {
        emit(clock.stepWatermark(step));
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
