package dev.millrace.coders;

import com.google.common.base.Preconditions;
import java.io.IOException;

/** Encoding to and decoding from byte arrays with a {@link Coder}, and cloning by round trip. */
public final class CoderUtils {
  private CoderUtils() {}

  private static final int MAX_RETAINED_BUFFER = 1 << 20;

  /** A per-thread buffer; {@code inUse} guards against reentrant use by nested coders. */
  private static final class Buffer {
    final ByteArrays.Output out = new ByteArrays.Output(256);
    boolean inUse;
  }

  private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

  /**
   * The encoding of {@code value}.
   *
   * @throws CoderException if the coder cannot encode it; the message names the coder
   */
  public static <T> byte[] encodeToByteArray(Coder<T> coder, T value) throws CoderException {
    Preconditions.checkNotNull(coder, "coder");
    Buffer b = BUFFER.get();
    if (b.inUse) {
      ByteArrays.Output out = new ByteArrays.Output(64);
      encode(coder, value, out);
      return out.toByteArray();
    }
    b.inUse = true;
    try {
      b.out.reset();
      encode(coder, value, b.out);
      return b.out.toByteArray();
    } finally {
      b.inUse = false;
      if (b.out.buf.length > MAX_RETAINED_BUFFER) {
        BUFFER.remove();
      }
    }
  }

  private static <T> void encode(Coder<T> coder, T value, ByteArrays.Output out)
      throws CoderException {
    try {
      coder.encode(value, out);
    } catch (CoderException e) {
      throw e;
    } catch (IOException e) {
      throw new CoderException("Unable to encode a value with " + coder + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a value from exactly the bytes {@code encoded}.
   *
   * @throws CoderException if the bytes are malformed, or not all of them were consumed (the
   *     coder does not match the one used to encode)
   */
  public static <T> T decodeFromByteArray(Coder<T> coder, byte[] encoded) throws CoderException {
    Preconditions.checkNotNull(encoded, "encoded");
    return decodeFromByteArray(coder, encoded, 0, encoded.length);
  }

  /** Decodes a value from exactly {@code length} bytes of {@code encoded} from {@code offset}. */
  public static <T> T decodeFromByteArray(Coder<T> coder, byte[] encoded, int offset, int length)
      throws CoderException {
    Preconditions.checkNotNull(coder, "coder");
    Preconditions.checkPositionIndexes(offset, offset + length, encoded.length);
    ByteArrays.Input in = new ByteArrays.Input(encoded, offset, length);
    T value;
    try {
      value = coder.decode(in);
    } catch (CoderException e) {
      throw new CoderException("Unable to decode with " + coder + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CoderException("Unable to decode with " + coder + ": " + e.getMessage(), e);
    }
    if (in.available() > 0) {
      throw new CoderException(
          coder
              + " decoded a value from "
              + (length - in.available())
              + " of "
              + length
              + " bytes, leaving "
              + in.available()
              + " unread; the bytes were probably written by a different coder");
    }
    return value;
  }

  /** A deep copy of {@code value} made by encoding and decoding it. */
  public static <T> T clone(Coder<T> coder, T value) throws CoderException {
    return decodeFromByteArray(coder, encodeToByteArray(coder, value));
  }
}
