package dev.millrace.runners.core.state;

import dev.millrace.coders.Coder;
import dev.millrace.coders.MapCoder;
import dev.millrace.coders.SetCoder;
import dev.millrace.runners.core.CoderStateCodec;
import dev.millrace.runners.core.CombineFnAggregation;
import dev.millrace.transforms.CombineFn;
import dev.millrace.transforms.state.BagState;
import dev.millrace.transforms.state.CombiningState;
import dev.millrace.transforms.state.MapState;
import dev.millrace.transforms.state.OrderedListState;
import dev.millrace.transforms.state.ReadableState;
import dev.millrace.transforms.state.SetState;
import dev.millrace.transforms.state.State;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.core.StateInternals;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The user's state kinds ({@link StateSpec}) over the windowing core's cells, so every runner
 * only backs the core's {@link StateInternals}: value, bag and combining map one to one; a map or
 * a set is one value cell holding the whole collection (read-modify-write); an ordered list is a
 * bag of timestamped values sorted on read.
 */
final class UserStateViews {
  private UserStateViews() {}

  /** The core tag of user state {@code id}; user cells are prefixed so they never clash. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static StateTag<?> tagFor(String id, StateSpec<?> spec) {
    String cell = "user:" + id;
    Coder coder = spec.coder();
    return switch (spec.kind()) {
      case VALUE -> StateTag.value(cell, CoderStateCodec.of(coder));
      case BAG -> StateTag.bag(cell, CoderStateCodec.of(coder));
      case COMBINING -> StateTag.combining(
          cell, new CombineFnAggregation<>((CombineFn) spec.combineFn()), CoderStateCodec.of(coder));
      case MAP -> StateTag.value(cell, CoderStateCodec.of(MapCoder.of(coder, spec.mapValueCoder())));
      case SET -> StateTag.value(cell, CoderStateCodec.of(SetCoder.of(coder)));
      case ORDERED_LIST -> StateTag.bag(
          cell, new TimestampedValueCodec<>(CoderStateCodec.of(coder)));
    };
  }

  /** A user view of the cell {@code tag} (made by {@link #tagFor}) of {@code ns}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static State view(StateInternals s, StateNamespace ns, StateTag<?> tag, StateSpec<?> spec) {
    return switch (spec.kind()) {
      case VALUE -> new Value<>((dev.millrace.windowing.core.ValueState) s.state(ns, tag));
      case BAG -> new Bag<>((dev.millrace.windowing.core.BagState) s.state(ns, tag));
      case COMBINING -> new Combining<>(
          (dev.millrace.windowing.core.CombiningState) s.state(ns, tag), (CombineFn) spec.combineFn());
      case MAP -> new MapView<>((dev.millrace.windowing.core.ValueState) s.state(ns, tag));
      case SET -> new SetView<>((dev.millrace.windowing.core.ValueState) s.state(ns, tag));
      case ORDERED_LIST -> new Ordered<>((dev.millrace.windowing.core.BagState) s.state(ns, tag));
    };
  }

  private record Value<T>(dev.millrace.windowing.core.ValueState<T> cell) implements ValueState<T> {
    @Override
    public T read() {
      return cell.read();
    }

    @Override
    public void write(T value) {
      cell.write(value);
    }

    @Override
    public void clear() {
      cell.clear();
    }
  }

  private record Bag<T>(dev.millrace.windowing.core.BagState<T> cell) implements BagState<T> {
    @Override
    public void add(T value) {
      cell.add(value);
    }

    @Override
    public Iterable<T> read() {
      return cell.read();
    }

    @Override
    public ReadableState<Boolean> isEmpty() {
      return cell::isEmpty;
    }

    @Override
    public void clear() {
      cell.clear();
    }
  }

  private record Combining<I, A, O>(
      dev.millrace.windowing.core.CombiningState<I, A, O> cell, CombineFn<I, A, O> fn)
      implements CombiningState<I, A, O> {
    @Override
    public void add(I value) {
      cell.add(value);
    }

    @Override
    public O read() {
      return cell.read();
    }

    @Override
    public A getAccumulator() {
      A acc = cell.readAccumulator();
      return acc == null ? fn.createAccumulator() : acc;
    }

    @Override
    public void addAccumulator(A accumulator) {
      cell.addAccumulator(accumulator);
    }

    @Override
    public ReadableState<Boolean> isEmpty() {
      return cell::isEmpty;
    }

    @Override
    public void clear() {
      cell.clear();
    }
  }

  private record MapView<K, V>(dev.millrace.windowing.core.ValueState<Map<K, V>> cell)
      implements MapState<K, V> {
    private Map<K, V> snapshot() {
      Map<K, V> m = cell.read();
      return m == null ? Map.of() : m;
    }

    private Map<K, V> copy() {
      return new LinkedHashMap<>(snapshot());
    }

    private void store(Map<K, V> m) {
      if (m.isEmpty()) {
        cell.clear();
      } else {
        cell.write(m);
      }
    }

    @Override
    public void put(K key, V value) {
      Map<K, V> m = copy();
      m.put(key, value);
      store(m);
    }

    @Override
    public ReadableState<V> putIfAbsent(K key, V value) {
      return computeIfAbsent(key, k -> value);
    }

    @Override
    public ReadableState<V> computeIfAbsent(K key, Function<? super K, ? extends V> mapping) {
      Map<K, V> m = snapshot();
      V previous = m.get(key);
      if (previous == null) {
        Map<K, V> c = copy();
        c.put(key, mapping.apply(key));
        store(c);
      }
      return () -> previous;
    }

    @Override
    public void remove(K key) {
      if (snapshot().containsKey(key)) {
        Map<K, V> m = copy();
        m.remove(key);
        store(m);
      }
    }

    @Override
    public ReadableState<V> get(K key) {
      return () -> snapshot().get(key);
    }

    @Override
    public ReadableState<V> getOrDefault(K key, V defaultValue) {
      return () -> snapshot().getOrDefault(key, defaultValue);
    }

    @Override
    public ReadableState<Iterable<K>> keys() {
      return () -> List.copyOf(snapshot().keySet());
    }

    @Override
    public ReadableState<Iterable<V>> values() {
      return () -> new ArrayList<>(snapshot().values());
    }

    @Override
    public ReadableState<Iterable<Map.Entry<K, V>>> entries() {
      return () -> {
        List<Map.Entry<K, V>> entries = new ArrayList<>();
        snapshot().forEach((k, v) -> entries.add(Map.entry(k, v)));
        return entries;
      };
    }

    @Override
    public ReadableState<Boolean> isEmpty() {
      return () -> snapshot().isEmpty();
    }

    @Override
    public void clear() {
      cell.clear();
    }
  }

  private record SetView<T>(dev.millrace.windowing.core.ValueState<Set<T>> cell)
      implements SetState<T> {
    private Set<T> snapshot() {
      Set<T> s = cell.read();
      return s == null ? Set.of() : s;
    }

    @Override
    public ReadableState<Boolean> contains(T value) {
      return () -> snapshot().contains(value);
    }

    @Override
    public ReadableState<Boolean> addIfAbsent(T value) {
      boolean added = !snapshot().contains(value);
      if (added) {
        Set<T> s = new LinkedHashSet<>(snapshot());
        s.add(value);
        cell.write(s);
      }
      return () -> added;
    }

    @Override
    public void add(T value) {
      addIfAbsent(value);
    }

    @Override
    public void remove(T value) {
      if (snapshot().contains(value)) {
        Set<T> s = new LinkedHashSet<>(snapshot());
        s.remove(value);
        if (s.isEmpty()) {
          cell.clear();
        } else {
          cell.write(s);
        }
      }
    }

    @Override
    public Iterable<T> read() {
      return List.copyOf(snapshot());
    }

    @Override
    public ReadableState<Boolean> isEmpty() {
      return () -> snapshot().isEmpty();
    }

    @Override
    public void clear() {
      cell.clear();
    }
  }

  private record Ordered<T>(dev.millrace.windowing.core.BagState<TimestampedValue<T>> cell)
      implements OrderedListState<T> {
    private static final Comparator<TimestampedValue<?>> BY_TIME =
        Comparator.comparing(TimestampedValue::getTimestamp);

    @Override
    public void add(TimestampedValue<T> value) {
      cell.add(value);
    }

    @Override
    public Iterable<TimestampedValue<T>> read() {
      List<TimestampedValue<T>> all = new ArrayList<>(cell.read());
      all.sort(BY_TIME); // stable: equal timestamps keep insertion order
      return all;
    }

    @Override
    public Iterable<TimestampedValue<T>> readRange(Instant min, Instant limit) {
      List<TimestampedValue<T>> result = new ArrayList<>();
      for (TimestampedValue<T> v : read()) {
        if (inRange(v, min, limit)) {
          result.add(v);
        }
      }
      return result;
    }

    @Override
    public void clearRange(Instant min, Instant limit) {
      List<TimestampedValue<T>> keep = new ArrayList<>();
      for (TimestampedValue<T> v : cell.read()) {
        if (!inRange(v, min, limit)) {
          keep.add(v);
        }
      }
      cell.clear();
      keep.forEach(cell::add);
    }

    private static boolean inRange(TimestampedValue<?> v, Instant min, Instant limit) {
      return !v.getTimestamp().isBefore(min) && v.getTimestamp().isBefore(limit);
    }

    @Override
    public ReadableState<Boolean> isEmpty() {
      return cell::isEmpty;
    }

    @Override
    public void clear() {
      cell.clear();
    }
  }
}
