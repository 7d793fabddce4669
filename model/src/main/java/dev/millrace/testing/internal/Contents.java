package dev.millrace.testing.internal;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderException;
import dev.millrace.coders.CoderUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decoded elements, each with the key it is compared under (see {@link ElementKeys}): the actual
 * contents of a collection, or the expected values of an assertion. Internal.
 *
 * @param values the decoded values, in arrival order
 * @param keys the comparison key of each value, at the same index
 * @param <T> the element type
 */
public record Contents<T>(List<T> values, List<Object> keys) {

  /** Decodes the given encodings with the coder. */
  public static <T> Contents<T> decode(Coder<T> coder, Iterable<byte[]> encodings) {
    ElementKeys<T> keys = new ElementKeys<>(coder);
    List<T> values = new ArrayList<>();
    List<Object> keyList = new ArrayList<>();
    for (byte[] bytes : encodings) {
      T value;
      try {
        value = CoderUtils.decodeFromByteArray(coder, bytes);
      } catch (CoderException e) {
        throw new IllegalStateException(
            "PAssert could not decode an element with " + coder + ": " + e.getMessage(), e);
      }
      values.add(value);
      keyList.add(keys.keyOf(value, bytes));
    }
    return new Contents<>(Collections.unmodifiableList(values), Collections.unmodifiableList(keyList));
  }

  /** Encodes the given values with the coder, for holding them in a serialisable check. */
  public static <T> List<byte[]> encode(Coder<T> coder, Iterable<? extends T> values) {
    List<byte[]> out = new ArrayList<>();
    for (T v : values) {
      try {
        out.add(CoderUtils.encodeToByteArray(coder, v));
      } catch (CoderException | ClassCastException e) {
        throw new IllegalArgumentException(
            "PAssert cannot encode the expected value " + Rendering.value(v) + " with the "
                + "collection's coder " + coder + ": " + e + ". Expected values must "
                + "be of the collection's element type.", e);
      }
    }
    return out;
  }

  public int size() {
    return values.size();
  }
}
