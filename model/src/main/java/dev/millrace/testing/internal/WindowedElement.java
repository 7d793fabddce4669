package dev.millrace.testing.internal;

import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.StateCodecs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An element as a window- or pane-specific assertion receives it: its encoding together with the
 * window and pane it had before {@link GroupGlobally} re-windowed it into the global window.
 * Internal.
 *
 * @param window the window, encoded with the collection's window codec
 * @param pane the pane the element was produced in
 * @param element the element, encoded with the collection's coder
 */
public record WindowedElement(byte[] window, PaneInfo pane, byte[] element) {

  /** The bytes that carry this element through the grouping. */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(window.length);
      out.write(window);
      StateCodecs.paneInfos().encode(pane, out);
      out.writeInt(element.length);
      out.write(element);
    } catch (IOException e) {
      throw new UncheckedIOException("PAssert could not encode an element's window and pane", e);
    }
    return bytes.toByteArray();
  }

  /** Reads bytes written by {@link #toBytes()}. */
  public static WindowedElement fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte[] window = new byte[in.readInt()];
      in.readFully(window);
      PaneInfo pane = StateCodecs.paneInfos().decode(in);
      byte[] element = new byte[in.readInt()];
      in.readFully(element);
      return new WindowedElement(window, pane, element);
    } catch (IOException e) {
      throw new UncheckedIOException("PAssert could not decode an element's window and pane", e);
    }
  }
}
