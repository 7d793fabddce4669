package dev.millrace.coders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Objects;

/** Shared checks for coders: round trips, self-delimitation, structural values, serialisation. */
final class CoderTester {
  private CoderTester() {}

  /** Encodes, decodes and checks the value came back equal (deeply, for arrays). */
  static <T> T roundTrip(Coder<T> coder, T value) throws IOException {
    byte[] bytes = CoderUtils.encodeToByteArray(coder, value);
    T back = CoderUtils.decodeFromByteArray(coder, bytes);
    assertSame(coder, value, back);
    // encoding is a pure function of the value
    assertThat(CoderUtils.encodeToByteArray(coder, back)).isEqualTo(bytes);
    return back;
  }

  /**
   * The decoded value equals the original: structurally always, and by {@code equals} (deeply,
   * for arrays) when the coder is consistent with equals.
   */
  static <T> void assertSame(Coder<T> coder, T value, T back) {
    assertThat(coder.structuralValue(back))
        .as("%s round trip of %s gave %s", coder, value, back)
        .isEqualTo(coder.structuralValue(value));
    if (coder.consistentWithEquals() || value == null || value.getClass().isArray()) {
      assertThat(Objects.deepEquals(value, back))
          .as("%s round trip of %s gave %s", coder, value, back)
          .isTrue();
    }
  }

  /** Writes all values into one stream and reads them back one by one. */
  static <T> void selfDelimiting(Coder<T> coder, List<T> values) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (T v : values) {
      coder.encode(v, out);
    }
    out.write(0x5A); // a trailing sentinel that must not be consumed
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    for (T v : values) {
      T back = coder.decode(in);
      assertSame(coder, v, back);
    }
    assertThat(in.read()).isEqualTo(0x5A);
  }

  /** Java-serialises the coder and checks the copy is equal and works. */
  @SuppressWarnings("unchecked")
  static <T> Coder<T> serializedCopy(Coder<T> coder) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(coder);
    }
    Coder<T> copy =
        (Coder<T>)
            new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    if (!(coder instanceof DelegateCoder)) { // functions have identity equality
      assertThat(copy).isEqualTo(coder).hasSameHashCodeAs(coder);
    }
    return copy;
  }
}
