package dev.millrace.testing.internal;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderException;
import dev.millrace.coders.CoderUtils;
import dev.millrace.coders.KvCoder;
import dev.millrace.transforms.SerializableFunction;
import dev.millrace.values.KV;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a collection of KV pairs as a multimap (each key with all of its values) and checks that
 * it equals an expected multimap, differs from it, or satisfies a user function. Two multimaps are
 * equal when they have the same keys and each key has the same values in any order, duplicates
 * counting. Keys and values are compared as in {@link Contents}: by encoded bytes when their
 * coders are deterministic. Internal.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class MultimapCheck<K, V> implements ContentsCheck<KV<K, V>> {
  private static final long serialVersionUID = 1L;

  private enum Mode { EQUAL, NOT_EQUAL, SATISFIES }

  private final Mode mode;
  private final List<byte[]> expected;
  private final SerializableFunction<Map<K, Iterable<V>>, Void> fn;

  private MultimapCheck(
      Mode mode, List<byte[]> expected, SerializableFunction<Map<K, Iterable<V>>, Void> fn) {
    this.mode = mode;
    this.expected = expected;
    this.fn = fn;
  }

  /** The multimap equals the one whose entries (one KV per key and value, encoded) are given. */
  public static <K, V> MultimapCheck<K, V> isEqualTo(List<byte[]> expectedEntries) {
    return new MultimapCheck<>(Mode.EQUAL, List.copyOf(expectedEntries), null);
  }

  /** The multimap differs from the one whose entries are given. */
  public static <K, V> MultimapCheck<K, V> notEqualTo(List<byte[]> expectedEntries) {
    return new MultimapCheck<>(Mode.NOT_EQUAL, List.copyOf(expectedEntries), null);
  }

  /** The multimap satisfies the user's function. */
  public static <K, V> MultimapCheck<K, V> satisfies(
      SerializableFunction<Map<K, Iterable<V>>, Void> fn) {
    return new MultimapCheck<>(Mode.SATISFIES, null, fn);
  }

  @Override
  public void check(Contents<KV<K, V>> actual, Coder<KV<K, V>> coder) {
    KvCoder<K, V> kvCoder = (KvCoder<K, V>) coder;
    Map<Object, Group<K>> actualMap = group(actual.values(), kvCoder);
    if (mode == Mode.SATISFIES) {
      Map<K, Iterable<V>> plain = new LinkedHashMap<>();
      for (Group<K> g : actualMap.values()) {
        plain.put(g.key, Collections.unmodifiableList(values(g, kvCoder).values()));
      }
      fn.apply(Collections.unmodifiableMap(plain));
      return;
    }
    Map<Object, Group<K>> expectedMap =
        group(Contents.decode(coder, expected).values(), kvCoder);
    List<String> differences = differences(expectedMap, actualMap, kvCoder);
    if (mode == Mode.EQUAL && !differences.isEmpty()) {
      throw new AssertionFailure("Expected multimap: " + render(expectedMap, kvCoder)
          + "\n  Actual: " + render(actualMap, kvCoder) + "\n  "
          + String.join("\n  ", differences));
    }
    if (mode == Mode.NOT_EQUAL && differences.isEmpty()) {
      throw new AssertionFailure("Expected a multimap not equal to "
          + render(expectedMap, kvCoder) + "\n  Actual: " + render(actualMap, kvCoder));
    }
  }

  /** One key with the encodings of its values. */
  private static final class Group<K> {
    final K key;
    final List<byte[]> values = new ArrayList<>();

    Group(K key) {
      this.key = key;
    }
  }

  private Map<Object, Group<K>> group(List<KV<K, V>> entries, KvCoder<K, V> coder) {
    ElementKeys<K> keys = new ElementKeys<>(coder.getKeyCoder());
    Map<Object, Group<K>> map = new LinkedHashMap<>();
    for (KV<K, V> kv : entries) {
      Object key = keys.keyOf(kv.getKey(), encode(coder.getKeyCoder(), kv.getKey()));
      map.computeIfAbsent(key, k -> new Group<>(kv.getKey()))
          .values.add(encode(coder.getValueCoder(), kv.getValue()));
    }
    return map;
  }

  private Contents<V> values(Group<K> group, KvCoder<K, V> coder) {
    return Contents.decode(coder.getValueCoder(), group.values);
  }

  private List<String> differences(
      Map<Object, Group<K>> expected, Map<Object, Group<K>> actual, KvCoder<K, V> coder) {
    List<K> missing = new ArrayList<>();
    List<K> unexpected = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (Map.Entry<Object, Group<K>> e : expected.entrySet()) {
      Group<K> a = actual.get(e.getKey());
      if (a == null) {
        missing.add(e.getValue().key);
        continue;
      }
      MultisetDiff diff = MultisetDiff.of(values(e.getValue(), coder), values(a, coder));
      if (!diff.isEmpty()) {
        changed.add(Rendering.value(a.key) + ": expected "
            + Rendering.list(values(e.getValue(), coder).values()) + ", actual "
            + Rendering.list(values(a, coder).values()));
      }
    }
    for (Map.Entry<Object, Group<K>> e : actual.entrySet()) {
      if (!expected.containsKey(e.getKey())) {
        unexpected.add(e.getValue().key);
      }
    }
    List<String> out = new ArrayList<>();
    if (!missing.isEmpty()) {
      out.add("Missing keys: " + Rendering.list(missing));
    }
    if (!unexpected.isEmpty()) {
      out.add("Unexpected keys: " + Rendering.list(unexpected));
    }
    if (!changed.isEmpty()) {
      out.add("Different values (in any order): "
          + Rendering.strings(Rendering.sorted(changed)));
    }
    return out;
  }

  private String render(Map<Object, Group<K>> map, KvCoder<K, V> coder) {
    List<String> entries = new ArrayList<>();
    for (Group<K> g : Rendering.sortedBy(new ArrayList<>(map.values()), g -> g.key)) {
      entries.add(Rendering.value(g.key) + "=" + Rendering.list(values(g, coder).values()));
    }
    String list = Rendering.strings(entries);
    return "{" + list.substring(1, list.length() - 1) + "}";
  }

  private static <X> byte[] encode(Coder<X> coder, X value) {
    try {
      return CoderUtils.encodeToByteArray(coder, value);
    } catch (CoderException e) {
      throw new IllegalStateException("PAssert could not encode " + Rendering.value(value)
          + " with " + coder + ": " + e.getMessage(), e);
    }
  }
}
