package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The value, combining and hold cells of one namespace of one key, kept together in one Flink
 * value (so that the windowing core's dozen small cells of a window cost one state read and one
 * write per call instead of one each). Encoded as a count, then for each cell its id (one length
 * byte and UTF-8) and its bytes as its tag's codec wrote them (an int length, then the bytes).
 *
 * <p>Parsing only indexes the stored bytes (no copies, no strings): a cell is decoded when first
 * read, and encoded again only when written. An in-memory record lives for one call of the core
 * (see {@link FlinkStateInternals}).
 */
final class CellRecord {
  /** The UTF-8 bytes of each cell id seen (ids are the core's tag ids: a small, fixed set). */
  private static final Map<String, byte[]> ID_BYTES = new ConcurrentHashMap<>();

  private final byte[] source;
  /** Per cell: where its id and value start in {@code source}, and their lengths. */
  private int[] idAt;
  private int[] idLength;
  private int[] valueAt;
  private int[] valueLength;
  /** Per cell: its id when known, its decoded or written value, and its codec when written. */
  private String[] ids;
  private Object[] values;
  private StateCodec<?>[] written;
  private boolean[] removed;
  private int count;
  private boolean dirty;

  private CellRecord(byte[] source, int capacity) {
    this.source = source;
    idAt = new int[capacity];
    idLength = new int[capacity];
    valueAt = new int[capacity];
    valueLength = new int[capacity];
    ids = new String[capacity];
    values = new Object[capacity];
    written = new StateCodec<?>[capacity];
    removed = new boolean[capacity];
  }

  /** The record stored as {@code bytes}, or an empty one for null. */
  static CellRecord parse(byte[] bytes) {
    if (bytes == null) {
      return new CellRecord(null, 4);
    }
    try {
      int n = ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
      CellRecord r = new CellRecord(bytes, Math.max(4, n + 2));
      int pos = 2;
      for (int i = 0; i < n; i++) {
        int idLen = bytes[pos] & 0xFF;
        r.idAt[i] = pos + 1;
        r.idLength[i] = idLen;
        pos += 1 + idLen;
        int len = ((bytes[pos] & 0xFF) << 24) | ((bytes[pos + 1] & 0xFF) << 16)
            | ((bytes[pos + 2] & 0xFF) << 8) | (bytes[pos + 3] & 0xFF);
        r.valueAt[i] = pos + 4;
        r.valueLength[i] = len;
        pos += 4 + len;
      }
      if (pos != bytes.length) {
        throw new IllegalStateException("record ends at " + pos);
      }
      r.count = n;
      return r;
    } catch (RuntimeException e) {
      throw new IllegalStateException("corrupt state record of " + bytes.length + " bytes", e);
    }
  }

  private static byte[] idBytes(String id) {
    byte[] b = ID_BYTES.get(id);
    if (b == null) {
      b = id.getBytes(StandardCharsets.UTF_8);
      if (b.length > 255) {
        throw new IllegalArgumentException("state cell id longer than 255 bytes: " + id);
      }
      ID_BYTES.put(id, b);
    }
    return b;
  }

  /** The index of the cell with this id (removed or not), or -1. */
  private int indexOf(String id) {
    for (int i = 0; i < count; i++) {
      if (ids[i] != null) {
        if (ids[i].equals(id)) {
          return i;
        }
        continue;
      }
      byte[] b = idBytes(id);
      if (b.length == idLength[i]
          && Arrays.equals(source, idAt[i], idAt[i] + b.length, b, 0, b.length)) {
        ids[i] = id;
        return i;
      }
    }
    return -1;
  }

  /** The cell's value, decoded with {@code codec} when first read; null when the cell is empty. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  <T> T read(String id, StateCodec<?> codec) {
    int i = indexOf(id);
    if (i < 0 || removed[i]) {
      return null;
    }
    if (values[i] == null) {
      values[i] = StateCodecs.fromBytes((StateCodec) codec, source, valueAt[i], valueLength[i]);
    }
    return (T) values[i];
  }

  boolean isEmpty(String id) {
    int i = indexOf(id);
    return i < 0 || removed[i];
  }

  /** Sets the cell (a null value empties it); it is encoded with {@code codec} when stored. */
  void write(String id, Object value, StateCodec<?> codec) {
    if (value == null) {
      clear(id);
      return;
    }
    int i = indexOf(id);
    if (i < 0) {
      if (count == ids.length) {
        grow();
      }
      i = count++;
      ids[i] = id;
    }
    values[i] = value;
    written[i] = codec;
    removed[i] = false;
    dirty = true;
  }

  private void grow() {
    int n = ids.length * 2;
    idAt = Arrays.copyOf(idAt, n);
    idLength = Arrays.copyOf(idLength, n);
    valueAt = Arrays.copyOf(valueAt, n);
    valueLength = Arrays.copyOf(valueLength, n);
    ids = Arrays.copyOf(ids, n);
    values = Arrays.copyOf(values, n);
    written = Arrays.copyOf(written, n);
    removed = Arrays.copyOf(removed, n);
  }

  void clear(String id) {
    int i = indexOf(id);
    if (i >= 0 && !removed[i]) {
      removed[i] = true;
      values[i] = null;
      written[i] = null;
      dirty = true;
    }
  }

  /** Calls {@code action} with the value of each cell whose id starts with {@code prefix}. */
  void forEachLong(String prefix, LongConsumer action) {
    for (int i = 0; i < count; i++) {
      if (removed[i]) {
        continue;
      }
      String id = ids[i] != null ? ids[i]
          : new String(source, idAt[i], idLength[i], StandardCharsets.UTF_8);
      if (id.startsWith(prefix)) {
        Long v = read(id, StateCodecs.longs());
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
    int live = 0;
    int size = 2;
    byte[][] encoded = new byte[count][];
    for (int i = 0; i < count; i++) {
      if (removed[i]) {
        continue;
      }
      live++;
      int idLen = ids[i] != null ? idBytes(ids[i]).length : idLength[i];
      int valueLen;
      if (written[i] != null) {
        encoded[i] = StateCodecs.toBytes((StateCodec) written[i], values[i]);
        valueLen = encoded[i].length;
      } else {
        valueLen = valueLength[i];
      }
      size += 1 + idLen + 4 + valueLen;
    }
    if (live == 0) {
      return null;
    }
    if (live > 0xFFFF) {
      throw new IllegalStateException("a state namespace has more than 65535 cells");
    }
    byte[] out = new byte[size];
    out[0] = (byte) (live >>> 8);
    out[1] = (byte) live;
    int pos = 2;
    for (int i = 0; i < count; i++) {
      if (removed[i]) {
        continue;
      }
      if (ids[i] != null) {
        byte[] id = idBytes(ids[i]);
        out[pos++] = (byte) id.length;
        System.arraycopy(id, 0, out, pos, id.length);
        pos += id.length;
      } else {
        out[pos++] = (byte) idLength[i];
        System.arraycopy(source, idAt[i], out, pos, idLength[i]);
        pos += idLength[i];
      }
      int len = encoded[i] != null ? encoded[i].length : valueLength[i];
      out[pos++] = (byte) (len >>> 24);
      out[pos++] = (byte) (len >>> 16);
      out[pos++] = (byte) (len >>> 8);
      out[pos++] = (byte) len;
      if (encoded[i] != null) {
        System.arraycopy(encoded[i], 0, out, pos, len);
      } else {
        System.arraycopy(source, valueAt[i], out, pos, len);
      }
      pos += len;
    }
    return out;
  }
}
