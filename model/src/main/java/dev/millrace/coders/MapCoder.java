package dev.millrace.coders;

import com.google.common.base.Preconditions;
import dev.millrace.values.TypeDescriptor;
import dev.millrace.values.TypeDescriptors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@code Map} as its size followed by each entry's key and value in iteration order;
 * decodes to a {@link LinkedHashMap} (keeping that order). Null keys and values are allowed only
 * if their coders allow them.
 *
 * <p>Not deterministic, as in Beam, whatever the key and value coders: equal maps may iterate,
 * and therefore encode, their entries in different orders. To group by a map, use a sorted
 * {@code List<KV<K, V>>} or a record as the key instead.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class MapCoder<K, V> extends StructuredCoder<Map<K, V>> {
  private static final long serialVersionUID = 1L;

  private final Coder<K> keyCoder;
  private final Coder<V> valueCoder;

  private MapCoder(Coder<K> keyCoder, Coder<V> valueCoder) {
    this.keyCoder = Preconditions.checkNotNull(keyCoder, "keyCoder");
    this.valueCoder = Preconditions.checkNotNull(valueCoder, "valueCoder");
  }

  /** A coder of maps from the key and value coders. */
  public static <K, V> MapCoder<K, V> of(Coder<K> keyCoder, Coder<V> valueCoder) {
    return new MapCoder<>(keyCoder, valueCoder);
  }

  /** The key coder. */
  public Coder<K> getKeyCoder() {
    return keyCoder;
  }

  /** The value coder. */
  public Coder<V> getValueCoder() {
    return valueCoder;
  }

  @Override
  public void encode(Map<K, V> map, OutputStream out) throws IOException {
    if (map == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    int size = map.size();
    VarInts.writeInt(size, out);
    int written = 0;
    for (Map.Entry<K, V> e : map.entrySet()) {
      keyCoder.encode(e.getKey(), out);
      valueCoder.encode(e.getValue(), out);
      written++;
    }
    if (written != size) {
      throw new CoderException(this + ": the map changed while it was being encoded");
    }
  }

  @Override
  public Map<K, V> decode(InputStream in) throws IOException {
    int size = VarInts.readLength(in);
    Map<K, V> map = new LinkedHashMap<>(Math.min(size, 1 << 16) * 4 / 3 + 1);
    for (int i = 0; i < size; i++) {
      K key = keyCoder.decode(in);
      map.put(key, valueCoder.decode(in));
    }
    return map;
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(keyCoder, valueCoder);
  }

  /** Never deterministic: the iteration order of equal maps may differ. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(
        this,
        "equal maps may iterate (and so encode) their entries in different orders;"
            + " use a sorted List<KV<K, V>> or a record instead of a Map as a key");
  }

  @Override
  public TypeDescriptor<Map<K, V>> getEncodedTypeDescriptor() {
    TypeDescriptor<K> k = keyCoder.getEncodedTypeDescriptor();
    TypeDescriptor<V> v = valueCoder.getEncodedTypeDescriptor();
    return k == null || v == null ? null : TypeDescriptors.maps(k, v);
  }
}
