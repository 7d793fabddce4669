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
 * Reads a collection of KV pairs as a map (every key must occur once) and checks that it equals
 * an expected map, differs from it, or satisfies a user function. Keys and values are compared as
 * in {@link Contents}: by encoded bytes when their coders are deterministic. Internal.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class MapCheck<K, V> implements ContentsCheck<KV<K, V>> {
  private static final long serialVersionUID = 1L;

  private enum Mode { EQUAL, NOT_EQUAL, SATISFIES }

  private final Mode mode;
  private final List<byte[]> expected;
  private final SerializableFunction<Map<K, V>, Void> fn;

  private MapCheck(Mode mode, List<byte[]> expected, SerializableFunction<Map<K, V>, Void> fn) {
    this.mode = mode;
    this.expected = expected;
    this.fn = fn;
  }

  /** The map equals the one whose entries, encoded as KVs, are given. */
  public static <K, V> MapCheck<K, V> isEqualTo(List<byte[]> expectedEntries) {
    return new MapCheck<>(Mode.EQUAL, List.copyOf(expectedEntries), null);
  }

  /** The map differs from the one whose entries, encoded as KVs, are given. */
  public static <K, V> MapCheck<K, V> notEqualTo(List<byte[]> expectedEntries) {
    return new MapCheck<>(Mode.NOT_EQUAL, List.copyOf(expectedEntries), null);
  }

  /** The map satisfies the user's function. */
  public static <K, V> MapCheck<K, V> satisfies(SerializableFunction<Map<K, V>, Void> fn) {
    return new MapCheck<>(Mode.SATISFIES, null, fn);
  }

  @Override
  public void check(Contents<KV<K, V>> actual, Coder<KV<K, V>> coder) {
    KvCoder<K, V> kvCoder = (KvCoder<K, V>) coder;
    Map<Object, KV<K, V>> actualMap = index(actual.values(), kvCoder);
    if (mode == Mode.SATISFIES) {
      Map<K, V> plain = new LinkedHashMap<>();
      actualMap.values().forEach(kv -> plain.put(kv.getKey(), kv.getValue()));
      fn.apply(Collections.unmodifiableMap(plain));
      return;
    }
    Map<Object, KV<K, V>> expectedMap = index(Contents.decode(coder, expected).values(), kvCoder);
    List<String> differences = differences(expectedMap, actualMap, kvCoder);
    if (mode == Mode.EQUAL && !differences.isEmpty()) {
      throw new AssertionFailure("Expected map: " + render(expectedMap)
          + "\n  Actual: " + render(actualMap) + "\n  " + String.join("\n  ", differences));
    }
    if (mode == Mode.NOT_EQUAL && differences.isEmpty()) {
      throw new AssertionFailure(
          "Expected a map not equal to " + render(expectedMap) + "\n  Actual: " + render(actualMap));
    }
  }

  private Map<Object, KV<K, V>> index(List<KV<K, V>> entries, KvCoder<K, V> coder) {
    ElementKeys<K> keys = new ElementKeys<>(coder.getKeyCoder());
    Map<Object, KV<K, V>> map = new LinkedHashMap<>();
    for (KV<K, V> kv : entries) {
      Object key = keys.keyOf(kv.getKey(), encode(coder.getKeyCoder(), kv.getKey()));
      KV<K, V> previous = map.put(key, kv);
      if (previous != null) {
        throw new AssertionFailure("Expected a map, but the key " + Rendering.value(kv.getKey())
            + " occurs more than once (values " + Rendering.value(previous.getValue()) + " and "
            + Rendering.value(kv.getValue()) + "). Use PAssert.that(...) for collections with "
            + "repeated keys.");
      }
    }
    return map;
  }

  private List<String> differences(
      Map<Object, KV<K, V>> expected, Map<Object, KV<K, V>> actual, KvCoder<K, V> coder) {
    ElementKeys<V> values = new ElementKeys<>(coder.getValueCoder());
    List<KV<K, V>> missing = new ArrayList<>();
    List<KV<K, V>> unexpected = new ArrayList<>();
    List<String> changedText = new ArrayList<>();
    for (Map.Entry<Object, KV<K, V>> e : expected.entrySet()) {
      KV<K, V> a = actual.get(e.getKey());
      if (a == null) {
        missing.add(e.getValue());
        continue;
      }
      V ev = e.getValue().getValue();
      V av = a.getValue();
      Coder<V> vc = coder.getValueCoder();
      if (!values.keyOf(ev, encode(vc, ev)).equals(values.keyOf(av, encode(vc, av)))) {
        changedText.add(Rendering.value(a.getKey()) + ": expected " + Rendering.value(ev)
            + ", actual " + Rendering.value(av));
      }
    }
    for (Map.Entry<Object, KV<K, V>> e : actual.entrySet()) {
      if (!expected.containsKey(e.getKey())) {
        unexpected.add(e.getValue());
      }
    }
    List<String> out = new ArrayList<>();
    if (!missing.isEmpty()) {
      out.add("Missing entries: " + Rendering.list(missing));
    }
    if (!unexpected.isEmpty()) {
      out.add("Unexpected entries: " + Rendering.list(unexpected));
    }
    if (!changedText.isEmpty()) {
      out.add("Different values: " + Rendering.strings(Rendering.sorted(changedText)));
    }
    return out;
  }

  private String render(Map<Object, KV<K, V>> map) {
    List<String> entries = new ArrayList<>();
    for (KV<K, V> kv : Rendering.sortedBy(new ArrayList<>(map.values()), KV::getKey)) {
      entries.add(Rendering.value(kv.getKey()) + "=" + Rendering.value(kv.getValue()));
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
