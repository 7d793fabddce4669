package dev.millrace.transforms.state;

import java.util.Map;
import java.util.function.Function;

/**
 * A map from keys to values (keys compared by {@code equals}). Readers return {@link
 * ReadableState}s that are evaluated when read.
 *
 * @param <K> the map key type (not the DoFn's key)
 * @param <V> the value type
 */
public interface MapState<K, V> extends State {
  /** Associates {@code value} with {@code key}, replacing any previous value. */
  void put(K key, V value);

  /**
   * Associates {@code value} with {@code key} unless the key is present; the result reads the
   * previous value, or null if there was none (and the value was put).
   */
  ReadableState<V> putIfAbsent(K key, V value);

  /**
   * Associates the value {@code mapping} computes with {@code key} unless the key is present; the
   * result reads the previous value, or null if there was none.
   */
  ReadableState<V> computeIfAbsent(K key, Function<? super K, ? extends V> mapping);

  /** Removes {@code key} and its value. */
  void remove(K key);

  /** The value of {@code key}, null when absent. */
  ReadableState<V> get(K key);

  /** The value of {@code key}, {@code defaultValue} when absent. */
  ReadableState<V> getOrDefault(K key, V defaultValue);

  /** Every key. */
  ReadableState<Iterable<K>> keys();

  /** Every value. */
  ReadableState<Iterable<V>> values();

  /** Every entry. */
  ReadableState<Iterable<Map.Entry<K, V>>> entries();

  /** Whether the map is empty. */
  ReadableState<Boolean> isEmpty();
}
