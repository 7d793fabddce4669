package dev.millrace.coders;

import com.google.common.base.Preconditions;
import dev.millrace.values.KV;
import dev.millrace.values.TypeDescriptor;
import dev.millrace.values.TypeDescriptors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Encodes a {@link KV} as its key followed by its value. Deterministic when both component coders
 * are; the key coder of a {@code GroupByKey} input must be.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KvCoder<K, V> extends StructuredCoder<KV<K, V>> {
  private static final long serialVersionUID = 1L;

  private final Coder<K> keyCoder;
  private final Coder<V> valueCoder;

  private KvCoder(Coder<K> keyCoder, Coder<V> valueCoder) {
    this.keyCoder = Preconditions.checkNotNull(keyCoder, "keyCoder");
    this.valueCoder = Preconditions.checkNotNull(valueCoder, "valueCoder");
  }

  /** A coder of {@code KV<K, V>} from the key and value coders. */
  public static <K, V> KvCoder<K, V> of(Coder<K> keyCoder, Coder<V> valueCoder) {
    return new KvCoder<>(keyCoder, valueCoder);
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
  public void encode(KV<K, V> kv, OutputStream out) throws IOException {
    if (kv == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    keyCoder.encode(kv.getKey(), out);
    valueCoder.encode(kv.getValue(), out);
  }

  @Override
  public KV<K, V> decode(InputStream in) throws IOException {
    K key = keyCoder.decode(in);
    V value = valueCoder.decode(in);
    return KV.of(key, value);
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(keyCoder, valueCoder);
  }

  /** Deterministic if both the key and the value coder are. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    NonDeterministicException.verifyComponent(this, "key coder", keyCoder);
    NonDeterministicException.verifyComponent(this, "value coder", valueCoder);
  }

  @Override
  public boolean consistentWithEquals() {
    return keyCoder.consistentWithEquals() && valueCoder.consistentWithEquals();
  }

  /** The pair of the key's and the value's structural values. */
  @Override
  public Object structuralValue(KV<K, V> kv) {
    if (kv == null || consistentWithEquals()) {
      return kv;
    }
    return KV.of(keyCoder.structuralValue(kv.getKey()), valueCoder.structuralValue(kv.getValue()));
  }

  @Override
  public TypeDescriptor<KV<K, V>> getEncodedTypeDescriptor() {
    TypeDescriptor<K> k = keyCoder.getEncodedTypeDescriptor();
    TypeDescriptor<V> v = valueCoder.getEncodedTypeDescriptor();
    return k == null || v == null ? null : TypeDescriptors.kvs(k, v);
  }
}
