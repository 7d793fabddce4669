package dev.millrace.runners.flink.internal;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.WindowedValue;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes an element as the Flink runner ships it: timestamp, window count (one byte below 255,
 * else the byte 255 and an int), windows (with the window function's codec), pane, then the value
 * with the collection's coder. A {@link ScriptMarker} (under a TestStream) is written as its step,
 * window count -1, watermark and target.
 *
 * @param <T> the type of the value
 */
public final class WindowedValueCoder<T> extends Coder<WindowedValue<T>> {
  private static final long serialVersionUID = 1L;
  private static final StateCodec<PaneInfo> PANES = StateCodecs.paneInfos();

  /** The window count that introduces a {@link ScriptMarker} instead of an element. */
  private static final int MARKER = -1;
  /** The count byte that says an int count follows (counts 0-254 take one byte). */
  private static final int LONG_COUNT = 0xFF;

  private final Coder<T> valueCoder;
  private final StateCodec<BoundedWindow> windowCodec;

  @SuppressWarnings("unchecked")
  public WindowedValueCoder(Coder<T> valueCoder, StateCodec<? extends BoundedWindow> windowCodec) {
    this.valueCoder = Preconditions.checkNotNull(valueCoder, "valueCoder");
    this.windowCodec = (StateCodec<BoundedWindow>) Preconditions.checkNotNull(windowCodec);
  }

  public Coder<T> getValueCoder() {
    return valueCoder;
  }

  @Override
  public void encode(WindowedValue<T> value, OutputStream out) throws IOException {
    if (value.value() instanceof ScriptMarker m) {
      DataOutput data = out instanceof DataOutput d ? d : new DataOutputStream(out);
      data.writeLong(m.step());
      writeCount(MARKER, data);
      data.writeLong(m.watermark());
      data.writeInt(m.target());
      if (data instanceof DataOutputStream stream) {
        stream.flush();
      }
      return;
    }
    if (out instanceof DataOutput data) { // the Flink view itself: no per-record wrapper
      encodeHeader(value, data);
    } else {
      DataOutputStream data = new DataOutputStream(out);
      encodeHeader(value, data);
      data.flush();
    }
    valueCoder.encode(value.value(), out);
  }

  private void encodeHeader(WindowedValue<T> value, DataOutput data) throws IOException {
    data.writeLong(value.timestamp());
    List<BoundedWindow> windows = value.windows();
    int n = windows.size();
    writeCount(n, data);
    for (int i = 0; i < n; i++) {
      windowCodec.encode(windows.get(i), data);
    }
    PANES.encode(value.pane(), data);
  }

  @Override
  public WindowedValue<T> decode(InputStream in) throws IOException {
    DataInput data = in instanceof DataInput d ? d : new DataInputStream(in);
    long timestamp = data.readLong();
    int n = data.readUnsignedByte();
    if (n == LONG_COUNT) {
      n = data.readInt();
    }
    if (n == MARKER) {
      long watermark = data.readLong();
      return new ScriptMarker(timestamp, watermark, data.readInt()).asRecord();
    }
    if (n == 1) {
      BoundedWindow window = windowCodec.decode(data);
      PaneInfo pane = PANES.decode(data);
      return WindowedValue.of(valueCoder.decode(in), timestamp, window, pane);
    }
    List<BoundedWindow> windows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      windows.add(windowCodec.decode(data));
    }
    PaneInfo pane = PANES.decode(data);
    return WindowedValue.of(valueCoder.decode(in), timestamp, windows, pane);
  }

  private static void writeCount(int n, DataOutput data) throws IOException {
    if (n >= 0 && n < LONG_COUNT) {
      data.writeByte(n);
    } else {
      data.writeByte(LONG_COUNT);
      data.writeInt(n);
    }
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(valueCoder);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WindowedValueCoder<?> c
        && c.valueCoder.equals(valueCoder)
        && c.windowCodec.equals(windowCodec);
  }

  @Override
  public int hashCode() {
    return Objects.hash(valueCoder, windowCodec.getClass());
  }
}
