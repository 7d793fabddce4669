package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.core.Aggregation;
import dev.millrace.windowing.core.BagState;
import dev.millrace.windowing.core.CombiningState;
import dev.millrace.windowing.core.State;
import dev.millrace.windowing.core.StateInternals;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import dev.millrace.windowing.core.ValueState;
import dev.millrace.windowing.core.WatermarkHoldState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.internal.InternalKvState;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;

/**
 * The windowing core's {@link StateInternals} on Flink keyed state, for the operator's current
 * key. A cell lives in Flink state named after its tag id, in the Flink namespace of its encoded
 * {@link StateNamespace}; values are kept encoded by the tag's codec (so every backend, heap or
 * RocksDB, checkpoints them the same way). Bags are Flink list state (appends are O(1)).
 * Watermark holds are kept in one per-key map state so that the operator can find them all
 * again after a restore; their minimum over all keys is tracked in a {@link TimestampMultiset}.
 *
 * <p>For the windowing core, the value, combining and watermark-hold cells of a namespace share
 * one Flink value instead ({@link CellRecord}), read once per call of the core and written back
 * by {@link #flush()} when the call ends; after a restore, {@link #restoreRecordHolds()} finds
 * the holds again by listing the keys and namespaces of that state.
 */
final class FlinkStateInternals implements StateInternals {
  static final MapStateDescriptor<EncodedKey, Long> HOLDS = new MapStateDescriptor<>(
      "millrace-holds", new CoderTypeSerializer<>(EncodedKey.KeyCoder.INSTANCE),
      LongSerializer.INSTANCE);
  static final TypeSerializer<EncodedKey> NAMESPACES =
      new CoderTypeSerializer<>(EncodedKey.KeyCoder.INSTANCE);

  /** How many encoded namespaces (and hold keys) are kept: a key's open windows, and more. */
  private static final int CACHED_NAMESPACES = 16384;
  /** How many tags' Flink cells are looked up by identity before the lookup is reset. */
  private static final int CACHED_TAGS = 1024;
  /** How many views of cells are kept per namespace (the core uses about a dozen tags). */
  private static final int CACHED_TAGS_PER_NAMESPACE = 24;

  private final AbstractStreamOperator<?> operator;
  private final TimestampMultiset holds;
  private final Map<String, StateDescriptor<?, byte[]>> descriptors = new HashMap<>();
  /**
   * The Flink state of each descriptor name, fetched once: the namespace is set on it before
   * every access (the backend sets the current key). Only valid for this operator's backend,
   * which lives as long as this object.
   */
  private final Map<String, InternalKvState<?, EncodedKey, ?>> cells = new HashMap<>();
  /** The cell of each tag seen, by identity (tags are usually constants of the core). */
  private final Map<StateTag<?>, Cell> tagCells = new IdentityHashMap<>();
  /**
   * Encoded namespaces (and the hold keys and views within them), all dropped when there are too
   * many. The encoding depends only on the window, never on the key or on the state, so entries
   * never go stale (not on key switches, not on restore).
   */
  private final Map<StateNamespace, Encoded> namespaces = new HashMap<>();
  /** The same namespaces by their encoding (for fired timers, which give back the encoding). */
  private final Map<EncodedKey, StateNamespace> decodedNamespaces = new HashMap<>();
  private MapState<EncodedKey, Long> holdsState;

  /**
   * With records (the windowing core): the records of the namespaces read in the current call,
   * written back by {@link #flush()}; null when every cell is a Flink state of its own.
   */
  private Map<EncodedKey, CellRecord> records;
  /** The Flink key the open records belong to. */
  private Object recordsKey;
  private static final ValueStateDescriptor<byte[]> RECORDS =
      new ValueStateDescriptor<>("millrace-cells", BytePrimitiveArraySerializer.INSTANCE);
  /** The prefix of a watermark hold's cell in a record (no value tag starts with it). */
  private static final String HOLD_PREFIX = "@hold:";

  /** State whose reads decode a fresh object every time (safe for user code's state). */
  FlinkStateInternals(AbstractStreamOperator<?> operator, TimestampMultiset holds) {
    this(operator, holds, false);
  }

  /**
   * @param cellRecords whether the value and combining cells of a namespace share one Flink value
   *     read once per call and written back by {@link #flush()} (for the windowing core, which
   *     never keeps an object it read across calls); the caller must flush after each call
   */
  FlinkStateInternals(
      AbstractStreamOperator<?> operator, TimestampMultiset holds, boolean cellRecords) {
    this.operator = operator;
    this.holds = holds;
    this.records = cellRecords ? new HashMap<>() : null;
  }

  /**
   * Writes back the records read since the last flush (for the windowing core, after each of its
   * calls; before a key switch at the latest, which {@link #record} also checks).
   */
  void flush() {
    if (records == null || records.isEmpty()) {
      return;
    }
    Object current = operator.getCurrentKey();
    boolean switchBack = !recordsKey.equals(current);
    if (switchBack) {
      operator.setCurrentKey(recordsKey);
    }
    try {
      for (Map.Entry<EncodedKey, CellRecord> e : records.entrySet()) {
        CellRecord r = e.getValue();
        if (!r.dirty()) {
          continue;
        }
        byte[] bytes = r.encode();
        org.apache.flink.api.common.state.ValueState<byte[]> s = flink(e.getKey(), RECORDS);
        if (bytes == null) {
          s.clear();
        } else {
          s.update(bytes);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      if (records.size() > 8) {
        // Clearing (and iterating) a HashMap costs its capacity, not its size: a table grown by
        // a key with many windows would cost that on every later call (one per fired window).
        records = new HashMap<>();
      } else {
        records.clear();
      }
      if (switchBack && current != null) {
        operator.setCurrentKey(current);
      }
    }
  }

  /**
   * The keys and namespaces that hold {@code tag}'s cell, a Flink state of its own (so not with
   * cell records), in no particular order. For the windowing core after a restore: when windows
   * fire only at their end, a window's buffer is its only state, and these are the open windows.
   */
  List<org.apache.flink.api.java.tuple.Tuple2<EncodedKey, EncodedKey>> keysAndNamespaces(
      StateTag<?> tag) throws Exception {
    if (records != null) {
      throw new IllegalStateException(
          "the cells of a namespace share one record here: list the records, not " + tag.id());
    }
    String name = cellOf(tag).descriptor().getName();
    @SuppressWarnings({"unchecked", "rawtypes"})
    org.apache.flink.runtime.state.KeyedStateBackend<EncodedKey> backend =
        (org.apache.flink.runtime.state.KeyedStateBackend) operator.getKeyedStateBackend();
    try (java.util.stream.Stream<org.apache.flink.api.java.tuple.Tuple2<EncodedKey, EncodedKey>>
        all = backend.getKeysAndNamespaces(name)) {
      return all.toList(); // read the backend's listing before anything changes the state
    }
  }

  /**
   * After a restore with records: adds the watermark hold of every cell of every key and
   * namespace to the instance's multiset of holds.
   */
  @SuppressWarnings("unchecked")
  void restoreRecordHolds() throws Exception {
    Object current = operator.getCurrentKey();
    List<org.apache.flink.api.java.tuple.Tuple2<Object, EncodedKey>> cells;
    try (java.util.stream.Stream<org.apache.flink.api.java.tuple.Tuple2<Object, EncodedKey>> all =
        ((org.apache.flink.runtime.state.KeyedStateBackend<Object>)
            operator.getKeyedStateBackend()).getKeysAndNamespaces(RECORDS.getName())) {
      cells = all.toList(); // read the backend's listing before reading the cells
    }
    for (org.apache.flink.api.java.tuple.Tuple2<Object, EncodedKey> kn : cells) {
      operator.setCurrentKey(kn.f0);
      CellRecord.parse(flink(kn.f1, RECORDS).value())
          .forEachLong(HOLD_PREFIX, holds::add);
    }
    if (current != null) {
      operator.setCurrentKey(current);
    }
  }

  /** Forgets the records read since the last flush without writing them (after a failure). */
  void discard() {
    if (records != null) {
      records.clear();
    }
  }

  /** The record of a namespace of the current key, read from Flink once per call. */
  private CellRecord record(EncodedKey ns) {
    Object key = operator.getCurrentKey();
    if (!records.isEmpty() && !key.equals(recordsKey)) {
      flush();
    }
    recordsKey = key;
    CellRecord r = records.get(ns);
    if (r == null) {
      try {
        r = CellRecord.parse(flink(ns, RECORDS).value());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      records.put(ns, r);
    }
    return r;
  }

  /** A tag's Flink cell: its descriptor (null for holds) and its kind. */
  private record Cell(StateDescriptor<?, byte[]> descriptor, StateTag.Kind kind) {}

  /** A namespace's encoding, its hold keys and the views of its cells (made on first use). */
  private static final class Encoded {
    final EncodedKey key;
    private Map<String, EncodedKey> holdKeys;
    /**
     * The views of this namespace's cells (views hold no key and no value): tags and views
     * alternating, found by identity; a namespace has a few cells, and most namespaces one.
     */
    private Object[] views;
    private int viewCount;

    Encoded(EncodedKey key) {
      this.key = key;
    }

    State view(StateTag<?> tag) {
      for (int i = 0; i < viewCount; i++) {
        if (views[2 * i] == tag) {
          return (State) views[2 * i + 1];
        }
      }
      return null;
    }

    void keepView(StateTag<?> tag, State view) {
      if (viewCount >= CACHED_TAGS_PER_NAMESPACE) {
        return;
      }
      if (views == null) {
        views = new Object[2];
      } else if (views.length == 2 * viewCount) {
        views = java.util.Arrays.copyOf(views, 4 * viewCount);
      }
      views[2 * viewCount] = tag;
      views[2 * viewCount + 1] = view;
      viewCount++;
    }

    EncodedKey holdKey(String id) {
      if (holdKeys == null) {
        holdKeys = new HashMap<>(4);
      }
      return holdKeys.computeIfAbsent(id, i -> {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(key.bytes());
        bytes.writeBytes(i.getBytes(StandardCharsets.UTF_8));
        return new EncodedKey(bytes.toByteArray());
      });
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends State> S state(StateNamespace namespace, StateTag<S> tag) {
    Encoded ns = encoded(namespace);
    State view = ns.view(tag);
    if (view == null) {
      view = records != null ? recordView(ns, tag, cellOf(tag)) : flinkView(ns, tag, cellOf(tag));
      ns.keepView(tag, view);
    }
    return (S) view;
  }

  /** A view of a cell in the namespace's record (the windowing core). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private State recordView(Encoded ns, StateTag<?> tag, Cell cell) {
    return switch (cell.kind()) {
      case VALUE -> new RecordValue<>(ns.key, tag.id(), tag.codec());
      case COMBINING -> new Combining<>(new RecordValue<>(ns.key, tag.id(), tag.codec()), tag);
      case WATERMARK_HOLD -> new RecordHold(ns.key, HOLD_PREFIX + tag.id(), tag.combiner());
      case BAG -> new Bag<>(ns.key, (ListStateDescriptor<byte[]>) (StateDescriptor<?, ?>)
          cell.descriptor(), tag.codec());
    };
  }

  /** A view of a cell that is a Flink state of its own (holds: an entry of the key's hold map). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private State flinkView(Encoded ns, StateTag<?> tag, Cell cell) {
    return switch (cell.kind()) {
      case VALUE -> new Value<>(ns.key, (ValueStateDescriptor<byte[]>) cell.descriptor(),
          tag.codec());
      case COMBINING -> new Combining<>(new Value<>(ns.key,
          (ValueStateDescriptor<byte[]>) cell.descriptor(), tag.codec()), tag);
      case BAG -> new Bag<>(ns.key, (ListStateDescriptor<byte[]>) (StateDescriptor<?, ?>)
          cell.descriptor(), tag.codec());
      case WATERMARK_HOLD -> new Hold(ns.holdKey(tag.id()), tag.combiner());
    };
  }

  /** The encoding of {@code namespace}, the Flink namespace of its state (cached). */
  EncodedKey encodedNamespace(StateNamespace namespace) {
    return encoded(namespace).key;
  }

  /**
   * The namespace whose encoding is {@code encoded} (a window namespace, decoded with {@code
   * windowCodec} unless cached), cached both ways: the core's next access to it, under a fired
   * timer, need not encode it again.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  StateNamespace namespaceOf(EncodedKey encoded, StateCodec<?> windowCodec) {
    StateNamespace namespace = decodedNamespaces.get(encoded);
    if (namespace == null) {
      namespace = StateNamespace.decode(encoded.bytes(), (StateCodec) windowCodec);
      if (!namespaces.containsKey(namespace)) {
        cache(namespace, encoded);
      }
    }
    return namespace;
  }

  private Encoded encoded(StateNamespace namespace) {
    Encoded e = namespaces.get(namespace);
    return e != null ? e : cache(namespace, new EncodedKey(namespace.encode()));
  }

  private Encoded cache(StateNamespace namespace, EncodedKey encoded) {
    if (namespaces.size() >= CACHED_NAMESPACES) {
      namespaces.clear(); // start over: the open windows come back at once
      decodedNamespaces.clear();
    }
    Encoded e = new Encoded(encoded);
    namespaces.put(namespace, e);
    decodedNamespaces.put(encoded, namespace);
    return e;
  }

  @SuppressWarnings("unchecked")
  private Cell cellOf(StateTag<?> tag) {
    Cell cell = tagCells.get(tag);
    if (cell == null) {
      if (tagCells.size() >= CACHED_TAGS) {
        tagCells.clear(); // tags made per call: do not grow without bound
      }
      StateDescriptor<?, byte[]> d = switch (tag.kind()) {
        case VALUE -> valueDescriptor("v:" + tag.id());
        case COMBINING -> valueDescriptor("c:" + tag.id());
        case BAG -> (StateDescriptor<?, byte[]>) (StateDescriptor<?, ?>)
            listDescriptor("b:" + tag.id());
        case WATERMARK_HOLD -> null;
      };
      cell = new Cell(d, tag.kind());
      tagCells.put(tag, cell);
    }
    return cell;
  }

  @SuppressWarnings("unchecked")
  private ValueStateDescriptor<byte[]> valueDescriptor(String name) {
    return (ValueStateDescriptor<byte[]>) descriptors.computeIfAbsent(name,
        n -> new ValueStateDescriptor<>(n, BytePrimitiveArraySerializer.INSTANCE));
  }

  @SuppressWarnings("unchecked")
  private ListStateDescriptor<byte[]> listDescriptor(String name) {
    return (ListStateDescriptor<byte[]>) (StateDescriptor<?, ?>) descriptors.computeIfAbsent(name,
        n -> (StateDescriptor<?, byte[]>) (StateDescriptor<?, ?>)
            new ListStateDescriptor<>(n, BytePrimitiveArraySerializer.INSTANCE));
  }

  @SuppressWarnings("unchecked")
  private <S extends org.apache.flink.api.common.state.State> S flink(
      EncodedKey ns, StateDescriptor<S, ?> d) {
    InternalKvState<?, EncodedKey, ?> s = cells.get(d.getName());
    if (s == null) {
      try {
        s = (InternalKvState<?, EncodedKey, ?>) operator.getPartitionedState(ns, NAMESPACES, d);
      } catch (Exception e) {
        throw new IllegalStateException("could not access Flink state " + d.getName(), e);
      }
      cells.put(d.getName(), s);
    }
    s.setCurrentNamespace(ns);
    return (S) s;
  }

  MapState<EncodedKey, Long> holdsState() {
    if (holdsState == null) {
      try {
        holdsState = operator.getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, HOLDS);
      } catch (Exception e) {
        throw new IllegalStateException("could not access the watermark holds", e);
      }
    }
    return holdsState;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> byte[] encode(StateCodec<?> codec, T value) {
    return StateCodecs.toBytes((StateCodec) codec, value);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> T decode(StateCodec<?> codec, byte[] bytes) {
    return bytes == null ? null : (T) StateCodecs.fromBytes((StateCodec) codec, bytes);
  }

  private final class Value<T> implements ValueState<T> {
    private final EncodedKey ns;
    private final ValueStateDescriptor<byte[]> d;
    private final StateCodec<?> codec;

    Value(EncodedKey ns, ValueStateDescriptor<byte[]> d, StateCodec<?> codec) {
      this.ns = ns;
      this.d = d;
      this.codec = codec;
    }

    @Override
    public T read() {
      try {
        return decode(codec, flink(ns, d).value());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void write(T value) {
      try {
        flink(ns, d).update(encode(codec, value));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void clear() {
      flink(ns, d).clear();
    }
  }

  /** A value cell inside its namespace's record. */
  private final class RecordValue<T> implements ValueState<T> {
    private final EncodedKey ns;
    private final String id;
    private final StateCodec<?> codec;

    RecordValue(EncodedKey ns, String id, StateCodec<?> codec) {
      this.ns = ns;
      this.id = id;
      this.codec = codec;
    }

    @Override
    public T read() {
      return record(ns).read(id, codec);
    }

    @Override
    public void write(T value) {
      record(ns).write(id, value, codec);
    }

    @Override
    public void clear() {
      record(ns).clear(id);
    }
  }

  /** A watermark hold as a cell of its namespace's record; the instance's multiset follows it. */
  private final class RecordHold implements WatermarkHoldState {
    private final EncodedKey ns;
    private final String id;
    private final TimestampCombiner combiner;

    RecordHold(EncodedKey ns, String id, TimestampCombiner combiner) {
      this.ns = ns;
      this.id = id;
      this.combiner = combiner;
    }

    @Override
    public void add(long timestampMillis) {
      CellRecord r = record(ns);
      Long old = r.read(id, StateCodecs.longs());
      long combined = old == null ? timestampMillis : combiner.combine(old, timestampMillis);
      if (old == null || old != combined) {
        r.write(id, combined, StateCodecs.longs());
        holds.replace(old, combined);
      }
    }

    @Override
    public OptionalLong read() {
      Long v = record(ns).read(id, StateCodecs.longs());
      return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public TimestampCombiner combiner() {
      return combiner;
    }

    @Override
    public void clear() {
      CellRecord r = record(ns);
      Long old = r.read(id, StateCodecs.longs());
      if (old != null) {
        r.clear(id);
        holds.remove(old);
      }
    }
  }

  /**
   * A combining cell over a value cell holding the accumulator: a Flink state of its own (a fresh
   * accumulator each read) or a cell of a record (decoded once per call, possibly changed in place,
   * encoded again when the record is written back).
   */
  private static final class Combining<I, A, O> implements CombiningState<I, A, O> {
    private final ValueState<A> cell;
    private final Aggregation<I, A, O> aggregation;

    @SuppressWarnings("unchecked")
    Combining(ValueState<A> cell, StateTag<?> tag) {
      this.cell = cell;
      this.aggregation = (Aggregation<I, A, O>) tag.aggregation();
    }

    @Override
    public void add(I input) {
      A acc = cell.read();
      cell.write(aggregation.addInput(acc == null ? aggregation.createAccumulator() : acc, input));
    }

    @Override
    public void addAccumulator(A accumulator) {
      A acc = cell.read();
      cell.write(acc == null ? accumulator : aggregation.mergeAccumulators(List.of(acc, accumulator)));
    }

    @Override
    public A readAccumulator() {
      return cell.read();
    }

    @Override
    public O read() {
      A acc = cell.read();
      return aggregation.extractOutput(acc == null ? aggregation.createAccumulator() : acc);
    }

    @Override
    public boolean isEmpty() {
      return cell.read() == null;
    }

    @Override
    public void clear() {
      cell.clear();
    }
  }

  private final class Bag<T> implements BagState<T> {
    private final EncodedKey ns;
    private final ListStateDescriptor<byte[]> d;
    private final StateCodec<?> codec;

    Bag(EncodedKey ns, ListStateDescriptor<byte[]> d, StateCodec<?> codec) {
      this.ns = ns;
      this.d = d;
      this.codec = codec;
    }

    @Override
    public void add(T value) {
      try {
        flink(ns, d).add(encode(codec, value));
      } catch (Exception e) {
        throw new IllegalStateException("could not add to Flink list state " + d.getName(), e);
      }
    }

    @Override
    public List<T> read() {
      List<T> out = new ArrayList<>();
      try {
        Iterable<byte[]> all = flink(ns, d).get();
        if (all != null) {
          for (byte[] b : all) {
            out.add(decode(codec, b));
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException("could not read Flink list state " + d.getName(), e);
      }
      return out;
    }

    @Override
    public boolean isEmpty() {
      try {
        Iterable<byte[]> all = flink(ns, d).get();
        return all == null || !all.iterator().hasNext();
      } catch (Exception e) {
        throw new IllegalStateException("could not read Flink list state " + d.getName(), e);
      }
    }

    @Override
    public void clear() {
      ListState<byte[]> s = flink(ns, d);
      s.clear();
    }
  }

  private final class Hold implements WatermarkHoldState {
    private final EncodedKey key;
    private final TimestampCombiner combiner;

    Hold(EncodedKey key, TimestampCombiner combiner) {
      this.key = key;
      this.combiner = combiner;
    }

    @Override
    public void add(long timestampMillis) {
      try {
        MapState<EncodedKey, Long> m = holdsState();
        Long old = m.get(key);
        long combined = old == null ? timestampMillis : combiner.combine(old, timestampMillis);
        if (old == null || old != combined) {
          m.put(key, combined);
          holds.replace(old, combined);
        }
      } catch (Exception e) {
        throw new IllegalStateException("could not update a watermark hold", e);
      }
    }

    @Override
    public OptionalLong read() {
      try {
        Long v = holdsState().get(key);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
      } catch (Exception e) {
        throw new IllegalStateException("could not read a watermark hold", e);
      }
    }

    @Override
    public TimestampCombiner combiner() {
      return combiner;
    }

    @Override
    public void clear() {
      try {
        MapState<EncodedKey, Long> m = holdsState();
        Long old = m.get(key);
        if (old != null) {
          m.remove(key);
          holds.remove(old);
        }
      } catch (Exception e) {
        throw new IllegalStateException("could not clear a watermark hold", e);
      }
    }
  }
}
