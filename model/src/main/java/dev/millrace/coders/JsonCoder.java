package dev.millrace.coders;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Preconditions;
import dev.millrace.values.TypeDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes values as JSON with Jackson databind (length-prefixed UTF-8 JSON), for plain Java
 * objects (POJOs with getters/setters or public fields and a no-argument constructor or a
 * {@code @JsonCreator}) and records. Null encodes as JSON {@code null}.
 *
 * <p>Not deterministic: JSON does not fix the order of map entries nor guarantee that equal
 * objects print identically, so it cannot encode grouping keys. A Jackson failure is reported with
 * the class and Jackson's explanation. Types Jackson cannot handle out of the box (such as {@code
 * java.time} values without the JSR-310 module) need a different coder.
 *
 * <pre>{@code
 * @DefaultCoder(JsonCoder.class)
 * public class Event { public String user; public long score; }
 * }</pre>
 *
 * @param <T> the type of values encoded
 */
public final class JsonCoder<T> extends Coder<T> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final TypeDescriptor<T> type;
  private transient JavaType javaType;

  private JsonCoder(TypeDescriptor<T> type) {
    this.type = Preconditions.checkNotNull(type, "type");
  }

  /** A coder of {@code clazz} values. Usable with {@code @DefaultCoder(JsonCoder.class)}. */
  public static <T> JsonCoder<T> of(Class<T> clazz) {
    return new JsonCoder<>(TypeDescriptor.of(clazz));
  }

  /** A coder of values of a (possibly generic) type. */
  public static <T> JsonCoder<T> of(TypeDescriptor<T> type) {
    return new JsonCoder<>(type);
  }

  private JavaType javaType() {
    JavaType t = javaType;
    if (t == null) {
      t = MAPPER.getTypeFactory().constructType(type.getType());
      javaType = t;
    }
    return t;
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    byte[] json;
    try {
      json = MAPPER.writerFor(javaType()).writeValueAsBytes(value);
    } catch (IOException | RuntimeException e) {
      throw new CoderException(
          "JsonCoder cannot serialize a value of " + type + " to JSON: " + e.getMessage() + ". "
              + FIX, e);
    }
    ByteArrayCoder.of().encode(json, out);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    byte[] json = ByteArrayCoder.of().decode(in);
    try {
      return MAPPER.readValue(json, javaType());
    } catch (IOException | RuntimeException e) {
      throw new CoderException(
          "JsonCoder cannot deserialize a value of " + type + " from JSON: " + e.getMessage()
              + ". " + FIX, e);
    }
  }

  private static final String FIX =
      "Jackson needs public getters/setters or public fields and a no-argument constructor (or a"
          + " @JsonCreator constructor); alternatively make the type a record, or register a"
          + " coder for it with CoderRegistry.registerCoderForClass(...)";

  /** Never deterministic. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(
        this, "JSON encodings are not guaranteed to be identical for equal values");
  }

  @Override
  public TypeDescriptor<T> getEncodedTypeDescriptor() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonCoder<?> j && j.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  /** E.g. {@code JsonCoder(com.example.Event)}. */
  @Override
  public String toString() {
    return "JsonCoder(" + type + ")";
  }
}
