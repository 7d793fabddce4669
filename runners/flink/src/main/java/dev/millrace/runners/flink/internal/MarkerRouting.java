package dev.millrace.runners.flink.internal;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

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
}
