package dev.millrace.windowing.core.inmemory;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.State;
import dev.millrace.windowing.core.StateInternals;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one key in memory: a map from namespace and tag id to cell. Not thread-safe; a
 * runner uses one instance per key from one thread at a time.
 *
 * <p>Two modes: {@link #create()} keeps objects as they are (the fast path), {@link #encoding()}
 * stores every value as bytes through its tag's codec and decodes it on every read, which proves
 * that all state survives serialization (a checkpointing runner can snapshot the bytes).
 */
public final class InMemoryStateInternals implements StateInternals {
  private final boolean encode;
  private final HoldIndex holdIndex;
  private final Map<StateNamespace, Map<String, Cell>> cells = new LinkedHashMap<>();

  InMemoryStateInternals(boolean encode, HoldIndex holdIndex) {
    this.encode = encode;
    this.holdIndex = holdIndex;
  }

  /** A standalone key state that keeps objects as they are. */
  public static InMemoryStateInternals create() {
    return new InMemoryStateInternals(false, new HoldIndex());
  }

  /** A standalone key state that round-trips every value through its codec. */
  public static InMemoryStateInternals encoding() {
    return new InMemoryStateInternals(true, new HoldIndex());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends State> S state(StateNamespace namespace, StateTag<S> tag) {
    Preconditions.checkNotNull(namespace, "namespace");
    Preconditions.checkNotNull(tag, "tag");
    Cell existing = cell(namespace, tag.id());
    Preconditions.checkArgument(
        existing == null || existing.tag.kind() == tag.kind(),
        "state id '%s' in %s is used as %s and as %s; give each state its own id",
        tag.id(), namespace, existing == null ? null : existing.tag.kind(), tag.kind());
    return (S) StateViews.view(this, namespace, tag);
  }

  /** Whether no cell holds anything. */
  public boolean isEmpty() {
    return cells.isEmpty();
  }

  /** The namespaces that hold at least one cell. */
  public Set<StateNamespace> namespaces() {
    return Set.copyOf(cells.keySet());
  }

  /** The ids of the non-empty cells of {@code namespace}. */
  public Set<String> tagIds(StateNamespace namespace) {
    Map<String, Cell> ns = cells.get(namespace);
    return ns == null ? Set.of() : Set.copyOf(ns.keySet());
  }

  /** The minimum watermark hold of this key, or {@link Timestamps#MAX} if it holds nothing. */
  public long minimumHold() {
    long min = Timestamps.MAX;
    for (Map<String, Cell> ns : cells.values()) {
      for (Cell c : ns.values()) {
        if (c.tag.kind() == StateTag.Kind.WATERMARK_HOLD) {
          min = Math.min(min, decodeLong(c));
        }
      }
    }
    return min;
  }

  /** Removes every cell (releasing its holds). */
  public void clear() {
    for (StateNamespace ns : List.copyOf(cells.keySet())) {
      for (String id : List.copyOf(cells.get(ns).keySet())) {
        remove(ns, id);
      }
    }
  }

  // ---- raw cell access used by the views ----

  Cell cell(StateNamespace namespace, String id) {
    Map<String, Cell> ns = cells.get(namespace);
    return ns == null ? null : ns.get(id);
  }

  Cell getOrCreate(StateNamespace namespace, StateTag<?> tag, Object initial) {
    return cells
        .computeIfAbsent(namespace, n -> new HashMap<>())
        .computeIfAbsent(tag.id(), id -> new Cell(tag, initial));
  }

  void remove(StateNamespace namespace, String id) {
    Map<String, Cell> ns = cells.get(namespace);
    if (ns == null) {
      return;
    }
    Cell removed = ns.remove(id);
    if (removed != null && removed.tag.kind() == StateTag.Kind.WATERMARK_HOLD) {
      holdIndex.replace(decodeLong(removed), null);
    }
    if (ns.isEmpty()) {
      cells.remove(namespace);
    }
  }

  void holdChanged(Long oldHold, Long newHold) {
    holdIndex.replace(oldHold, newHold);
  }

  /** Stores a single value (encoded if this is an encoding state). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Object store(StateTag<?> tag, Object value) {
    return encode ? StateCodecs.toBytes((StateCodec) tag.codec(), value) : value;
  }

  /** Reads a value written by {@link #store}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  <T> T load(StateTag<?> tag, Object stored) {
    return (T) (encode ? StateCodecs.fromBytes((StateCodec) tag.codec(), (byte[]) stored) : stored);
  }

  private long decodeLong(Cell c) {
    return this.<Long>load(c.tag, c.value);
  }

  /** A non-empty cell: its tag and stored value (a list of stored elements for bags). */
  static final class Cell {
    final StateTag<?> tag;
    Object value;

    Cell(StateTag<?> tag, Object value) {
      this.tag = tag;
      this.value = value;
    }

    @SuppressWarnings("unchecked")
    List<Object> list() {
      return (List<Object>) value;
    }
  }

  static List<Object> newList() {
    return new ArrayList<>();
  }
}
