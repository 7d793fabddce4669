package dev.millrace.runners.flink.internal;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for values encoded by a Millrace {@link Coder}: its serializer is a
 * {@link CoderTypeSerializer}, so Flink never falls back to Kryo for the runner's records.
 *
 * @param <T> the type of the values
 */
public final class CoderTypeInformation<T> extends TypeInformation<T> {
  private static final long serialVersionUID = 1L;

  private final Coder<T> coder;
  private final boolean keyType;

  private CoderTypeInformation(Coder<T> coder, boolean keyType) {
    this.coder = Preconditions.checkNotNull(coder, "type information needs a coder");
    this.keyType = keyType;
  }

  /** Type information for records and state values. */
  public static <T> CoderTypeInformation<T> of(Coder<T> coder) {
    return new CoderTypeInformation<>(coder, false);
  }

  /** Type information for keys (the type must have value-based equals and hashCode). */
  public static <T> CoderTypeInformation<T> ofKey(Coder<T> coder) {
    return new CoderTypeInformation<>(coder, true);
  }

  public Coder<T> getCoder() {
    return coder;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<T> getTypeClass() {
    return (Class<T>) Object.class;
  }

  @Override
  public boolean isKeyType() {
    return keyType;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new CoderTypeSerializer<>(coder);
  }

  @Override
  public String toString() {
    return "CoderTypeInformation(" + coder + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoderTypeInformation<?> t && t.coder.equals(coder) && t.keyType == keyType;
  }

  @Override
  public int hashCode() {
    return coder.hashCode() * 31 + (keyType ? 1 : 0);
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof CoderTypeInformation;
  }
}
