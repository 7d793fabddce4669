package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value and combining cells of one namespace of one key, kept together in one Flink value
 * (so that the windowing core's dozen small cells of a window cost one state read and one write
 * per call instead of one each). Encoded as a count, then for each cell its id and its bytes as its
 * tag's codec wrote them. A cell is decoded when first read and encoded again only when written;
 * an in-memory record lives for one call of the core (see {@link FlinkStateInternals}).
 */
final class CellRecord {
  private static final class Slot {
    byte[] bytes;
    Object value;
    StateCodec<?> codec; // set when the slot was written: its value must be encoded again

    Slot(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  private final Map<String, Slot> slots;
  private boolean dirty;

  private CellRecord(Map<String, Slot> slots) {
    this.slots = slots;
  }

  /** The record stored as {@code bytes}, or an empty one for null. */
  static CellRecord parse(byte[] bytes) {
    Map<String, Slot> slots = new LinkedHashMap<>(8);
    if (bytes != null) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
          String id = in.readUTF();
          byte[] cell = new byte[in.readInt()];
          in.readFully(cell);
          slots.put(id, new Slot(cell));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("corrupt state record of " + bytes.length + " bytes", e);
      }
    }
    return new CellRecord(slots);
  }

  /** The cell's value, decoded with {@code codec} when first read; null when the cell is empty. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  <T> T read(String id, StateCodec<?> codec) {
    Slot s = slots.get(id);
    if (s == null) {
      return null;
    }
    if (s.value == null) {
      s.value = StateCodecs.fromBytes((StateCodec) codec, s.bytes);
    }
    return (T) s.value;
  }

  boolean isEmpty(String id) {
    return !slots.containsKey(id);
  }

  /** Sets the cell (a null value empties it); it is encoded with {@code codec} when stored. */
  void write(String id, Object value, StateCodec<?> codec) {
    if (value == null) {
      clear(id);
      return;
    }
    Slot s = slots.computeIfAbsent(id, k -> new Slot(null));
    s.value = value;
    s.codec = codec;
    dirty = true;
  }

  void clear(String id) {
    if (slots.remove(id) != null) {
      dirty = true;
    }
  }

  /** Calls {@code action} with the value of each cell whose id starts with {@code prefix}. */
  void forEachLong(String prefix, java.util.function.LongConsumer action) {
    for (Map.Entry<String, Slot> e : slots.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        Long v = read(e.getKey(), StateCodecs.longs());
        action.accept(v);
      }
    }
  }

  /** Whether a cell was written or cleared since the record was parsed. */
  boolean dirty() {
    return dirty;
  }

  /** The record's bytes, or null when no cell holds a value. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  byte[] encode() {
    if (slots.isEmpty()) {
      return null;
    }
    if (slots.size() > 0xFFFF) {
      throw new IllegalStateException("a state namespace has more than 65535 cells");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeShort(slots.size());
      for (Map.Entry<String, Slot> e : slots.entrySet()) {
        Slot s = e.getValue();
        if (s.codec != null) {
          s.bytes = StateCodecs.toBytes((StateCodec) s.codec, s.value);
          s.codec = null;
        }
        out.writeUTF(e.getKey());
        out.writeInt(s.bytes.length);
        out.write(s.bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
