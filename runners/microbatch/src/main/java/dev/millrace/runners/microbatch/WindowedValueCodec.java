package dev.millrace.runners.microbatch;

import dev.millrace.coders.Coder;
import dev.millrace.runners.core.CoderStateCodec;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.WindowedValue;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes the elements of one collection with their metadata (value through the collection's
 * coder, timestamp, windows through the window function's codec, pane) for checkpoints.
 */
final class WindowedValueCodec {
  private final StateCodec<Object> values;
  private final StateCodec<BoundedWindow> windows;
  private final StateCodec<PaneInfo> panes = StateCodecs.paneInfos();

  @SuppressWarnings("unchecked")
  WindowedValueCodec(PCollection<?> pc) {
    this.values = CoderStateCodec.of((Coder<Object>) pc.getCoder());
    this.windows = (StateCodec<BoundedWindow>) pc.getWindowingStrategy().windowFn().windowCodec();
  }

  /** The codec of the collection's values alone. */
  StateCodec<Object> values() {
    return values;
  }

  /** The codec of the collection's windows. */
  StateCodec<BoundedWindow> windows() {
    return windows;
  }

  void encode(WindowedValue<?> v, DataOutput out) throws IOException {
    Snapshots.writeBytes(out, StateCodecs.toBytes(values, v.value()));
    out.writeLong(v.timestamp());
    out.writeInt(v.windows().size());
    for (BoundedWindow w : v.windows()) {
      windows.encode(w, out);
    }
    panes.encode(v.pane(), out);
  }

  WindowedValue<Object> decode(DataInput in) throws IOException {
    Object value = StateCodecs.fromBytes(values, Snapshots.readBytes(in));
    long ts = in.readLong();
    int n = in.readInt();
    List<BoundedWindow> ws = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ws.add(windows.decode(in));
    }
    return WindowedValue.of(value, ts, ws, panes.decode(in));
  }
}
