package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.WindowedValue;
import java.util.List;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Sends the elements leaving a stage to the operator's main output or to its side outputs. The
 * outputs carry the Flink record timestamp of the input element being processed, if it had one
 * (under a TestStream it is the bundle number, see {@link TestStreamOperator}).
 */
final class Exits implements StageRunner.Exits {
  private final Output<StreamRecord<WindowedValue<Object>>> output;
  private final OutputTag<WindowedValue<Object>>[] tags;
  private final StreamRecord<WindowedValue<Object>> reuse = new StreamRecord<>(null);
  private boolean hasTimestamp;
  private long timestamp;

  @SuppressWarnings("unchecked")
  private Exits(
      Output<StreamRecord<WindowedValue<Object>>> output,
      List<OutputTag<WindowedValue<Object>>> tags) {
    this.output = output;
    this.tags = tags == null ? null : tags.toArray(new OutputTag[0]);
  }

  static Exits of(
      Output<StreamRecord<WindowedValue<Object>>> output,
      List<OutputTag<WindowedValue<Object>>> tags) {
    return new Exits(output, tags);
  }

  /** The input record whose outputs follow. */
  void input(StreamRecord<?> record) {
    hasTimestamp = record.hasTimestamp();
    timestamp = hasTimestamp ? record.getTimestamp() : 0;
  }

  /** Sends a script marker along every exit (each exit's consumers need it). */
  void emitMarker(ScriptMarker marker, long step) {
    StreamRecord<WindowedValue<Object>> record = new StreamRecord<>(marker.asRecord(), step);
    if (tags == null) {
      output.collect(record);
    } else {
      for (OutputTag<WindowedValue<Object>> tag : tags) {
        output.collect(tag, record);
      }
    }
  }

  @Override
  public void emit(int exit, WindowedValue<Object> value) {
    reuse.replace(value);
    if (hasTimestamp) {
      reuse.setTimestamp(timestamp);
    } else {
      reuse.eraseTimestamp();
    }
    if (tags == null) {
      output.collect(reuse);
    } else {
      output.collect(tags[exit], reuse);
    }
  }
}
