package dev.millrace.values;

import java.io.Serializable;
import java.util.Objects;

/**
 * An immutable key/value pair, the element type of keyed collections ({@code GroupByKey},
 * {@code Combine.perKey}, state and timers). Beam's {@code KV}: {@code KV.of(k, v)},
 * {@code getKey()}, {@code getValue()}. Keys and values may be null when their coders allow it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public record KV<K, V>(K key, V value) implements Serializable {

  /** Creates a pair. */
  public static <K, V> KV<K, V> of(K key, V value) {
    return new KV<>(key, value);
  }

  /** The key. */
  public K getKey() {
    return key;
  }

  /** The value. */
  public V getValue() {
    return value;
  }

  @Override
  public String toString() {
    return "KV{" + key + ", " + value + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KV<?, ?> kv && Objects.deepEquals(key, kv.key) && Objects.deepEquals(value, kv.value);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.deepHashCode(new Object[] {key, value});
  }
}
