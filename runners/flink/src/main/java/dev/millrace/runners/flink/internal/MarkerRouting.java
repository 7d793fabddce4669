package dev.millrace.runners.flink.internal;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Sends {@link ScriptMarker}s to every instance of a keyed consumer: one copy per instance, each
 * with a routing key that Flink's key-group assignment places on that instance. Routing keys are
 * never user keys (operators recognise markers by their value, not by their key) and touch no
 * state.
 */
public final class MarkerRouting implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte MARKER_PREFIX = (byte) 0xA5;

  private final EncodedKey[] keys;

  private MarkerRouting(EncodedKey[] keys) {
    this.keys = keys;
  }

  /** Routing for keyed operators with {@code parallelism} instances and {@code maxParallelism}. */
  public static MarkerRouting of(int parallelism, int maxParallelism) {
    EncodedKey[] keys = new EncodedKey[parallelism];
    int found = 0;
    for (int i = 0; found < parallelism; i++) {
      EncodedKey candidate = new EncodedKey(
          ByteBuffer.allocate(5).put(MARKER_PREFIX).putInt(i).array());
      int target = KeyGroupRangeAssignment.assignKeyToParallelOperator(
          candidate, maxParallelism, parallelism);
      if (keys[target] == null) {
        keys[target] = candidate;
        found++;
      }
    }
    return new MarkerRouting(keys);
  }

  /** The key that routes a marker to its target instance. */
  public EncodedKey keyOf(ScriptMarker marker) {
    return keys[marker.target()];
  }

  /** Emits one copy of "finished {@code step} held at {@code watermark}" per target instance. */
  static void emit(FlinkClock.Script clock, long step, long watermark,
      Consumer<ScriptMarker> out) {
    for (int target = 0; target < clock.targets(); target++) {
      out.accept(new ScriptMarker(step, watermark, target));
    }
  }

  /**
   * Ends script step {@code step} of an operator whose output watermark is {@code
   * outputWatermark}: when it is held below the script's, one marker per target instance goes to
   * {@code markers}; then the step's Flink watermark ({@link FlinkClock.Script#flinkWatermark}) is
   * emitted on {@code output} if it is above {@code emitted}.
   *
   * @return the Flink watermark emitted last
   */
  static long endStep(FlinkClock.Script clock, long step, long outputWatermark, long emitted,
      Consumer<ScriptMarker> markers, Output<?> output) {
    if (outputWatermark < clock.watermarkAt(step)) {
      emit(clock, step, outputWatermark, markers);
    }
    long flink = clock.flinkWatermark(step, outputWatermark);
    if (flink > emitted) {
      output.emitWatermark(new Watermark(flink));
      return flink;
    }
    return emitted;
  }
}
