package dev.millrace.runners.microbatch;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.core.State;
import dev.millrace.windowing.core.StateInternals;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one key of a grouping, kept as objects for speed and encoded through each cell's
 * codec only when a checkpoint is written. A restored cell keeps its bytes until the windowing
 * core first asks for it (only then is its tag, and so its codec, known). Not thread-safe: a key
 * belongs to one partition, processed by one task at a time.
 */
final class KeyState implements StateInternals {
  private final HoldCounts holds;
  private final Map<StateNamespace, Map<String, Cell>> cells = new LinkedHashMap<>();

  /** One non-empty cell. */
  static final class Cell {
    final StateTag.Kind kind;
    StateTag<?> tag;
    /** VALUE, COMBINING: the value; BAG: a List of elements; WATERMARK_HOLD: a Long. */
    Object value;
    /** The encoded payload of a restored cell not read since (null once decoded). */
    byte[] raw;

    Cell(StateTag.Kind kind, StateTag<?> tag, Object value) {
      this.kind = kind;
      this.tag = tag;
      this.value = value;
    }

    @SuppressWarnings("unchecked")
    List<Object> list() {
      return (List<Object>) value;
    }
  }

  KeyState(HoldCounts holds) {
    this.holds = holds;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends State> S state(StateNamespace namespace, StateTag<S> tag) {
    Preconditions.checkNotNull(namespace, "namespace");
    Cell existing = cell(namespace, tag.id());
    Preconditions.checkArgument(existing == null || existing.kind == tag.kind(),
        "state id '%s' in %s is used as %s and as %s; give each state its own id",
        tag.id(), namespace, existing == null ? null : existing.kind, tag.kind());
    if (existing != null && existing.tag == null) {
      decode(existing, tag);
    }
    return (S) KeyStateViews.view(this, namespace, tag);
  }

  boolean isEmpty() {
    return cells.isEmpty();
  }

  Cell cell(StateNamespace namespace, String id) {
    Map<String, Cell> ns = cells.get(namespace);
    return ns == null ? null : ns.get(id);
  }

  Cell getOrCreate(StateNamespace namespace, StateTag<?> tag, Object initial) {
    return cells
        .computeIfAbsent(namespace, n -> new LinkedHashMap<>())
        .computeIfAbsent(tag.id(), id -> new Cell(tag.kind(), tag, initial));
  }

  void remove(StateNamespace namespace, String id) {
    Map<String, Cell> ns = cells.get(namespace);
    if (ns == null) {
      return;
    }
    Cell removed = ns.remove(id);
    if (removed != null && removed.kind == StateTag.Kind.WATERMARK_HOLD) {
      holds.replace((Long) removed.value, null);
    }
    if (ns.isEmpty()) {
      cells.remove(namespace);
    }
  }

  void holdChanged(Long oldHold, Long newHold) {
    holds.replace(oldHold, newHold);
  }

  /** Removes every cell, releasing the holds (used when a partition is restored). */
  void clear() {
    for (Map<String, Cell> ns : cells.values()) {
      for (Cell c : ns.values()) {
        if (c.kind == StateTag.Kind.WATERMARK_HOLD) {
          holds.replace((Long) c.value, null);
        }
      }
    }
    cells.clear();
  }

  // ---- checkpoints ----

  void snapshot(DataOutputStream out) throws IOException {
    out.writeInt(cells.size());
    for (Map.Entry<StateNamespace, Map<String, Cell>> ns : cells.entrySet()) {
      Snapshots.writeBytes(out, ns.getKey().encode());
      out.writeInt(ns.getValue().size());
      for (Map.Entry<String, Cell> c : ns.getValue().entrySet()) {
        out.writeUTF(c.getKey());
        out.writeByte(c.getValue().kind.ordinal());
        Snapshots.writeBytes(out, payload(c.getValue()));
      }
    }
  }

  void restore(DataInputStream in, StateCodec<BoundedWindow> windowCodec) throws IOException {
    clear();
    int namespaces = in.readInt();
    for (int i = 0; i < namespaces; i++) {
      StateNamespace ns = StateNamespace.decode(Snapshots.readBytes(in), windowCodec);
      int n = in.readInt();
      Map<String, Cell> map = cells.computeIfAbsent(ns, k -> new LinkedHashMap<>());
      for (int j = 0; j < n; j++) {
        String id = in.readUTF();
        StateTag.Kind kind = StateTag.Kind.values()[in.readByte()];
        byte[] payload = Snapshots.readBytes(in);
        Cell c = new Cell(kind, null, null);
        if (kind == StateTag.Kind.WATERMARK_HOLD) {
          c.value = StateCodecs.fromBytes(StateCodecs.longs(), payload);
          holds.replace(null, (Long) c.value);
        } else {
          c.raw = payload;
        }
        map.put(id, c);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static byte[] payload(Cell c) throws IOException {
    if (c.kind == StateTag.Kind.WATERMARK_HOLD) {
      return StateCodecs.toBytes(StateCodecs.longs(), (Long) c.value);
    }
    if (c.tag == null) {
      return c.raw;
    }
    StateCodec codec = c.tag.codec();
    if (c.kind != StateTag.Kind.BAG) {
      return StateCodecs.toBytes(codec, c.value);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(c.list().size());
    for (Object e : c.list()) {
      Snapshots.writeBytes(out, StateCodecs.toBytes(codec, e));
    }
    out.flush();
    return bytes.toByteArray();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void decode(Cell c, StateTag<?> tag) {
    c.tag = tag;
    if (c.raw == null) {
      return;
    }
    StateCodec codec = tag.codec();
    if (c.kind == StateTag.Kind.BAG) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.raw))) {
        int n = in.readInt();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(StateCodecs.fromBytes(codec, Snapshots.readBytes(in)));
        }
        c.value = list;
      } catch (IOException e) {
        throw new UncheckedIOException("corrupt checkpointed bag state '" + tag.id() + "'", e);
      }
    } else {
      c.value = StateCodecs.fromBytes(codec, c.raw);
    }
    c.raw = null;
  }
}
