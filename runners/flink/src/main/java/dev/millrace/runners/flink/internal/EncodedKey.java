package dev.millrace.runners.flink.internal;

import dev.millrace.coders.AtomicCoder;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderException;
import dev.millrace.coders.CoderUtils;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A grouping key (or a state namespace) as Flink sees it: the bytes of its deterministic encoding,
 * with value-based {@code equals} and {@code hashCode}, so that equal keys land in the same Flink
 * key group on every machine.
 */
public final class EncodedKey implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final byte[] bytes;
  private final int hash;

  public EncodedKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** The encoding of {@code key} with {@code coder}. */
  public static <K> EncodedKey of(Coder<K> coder, K key) {
    try {
      return new EncodedKey(CoderUtils.encodeToByteArray(coder, key));
    } catch (CoderException e) {
      throw new IllegalArgumentException(
          "could not encode the grouping key " + key + " with " + coder + ": " + e.getMessage(), e);
    }
  }

  /** Decodes the key with the coder that encoded it. */
  public <K> K decode(Coder<K> coder) {
    try {
      return CoderUtils.decodeFromByteArray(coder, bytes);
    } catch (CoderException e) {
      throw new IllegalStateException("could not decode a grouping key with " + coder, e);
    }
  }

  public byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "EncodedKey(" + bytes.length + " bytes)";
  }

  /** The coder of encoded keys: a length-prefixed byte string. */
  public static final class KeyCoder extends AtomicCoder<EncodedKey> {
    private static final long serialVersionUID = 1L;
    public static final KeyCoder INSTANCE = new KeyCoder();

    @Override
    public void encode(EncodedKey value, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      data.writeInt(value.bytes.length);
      data.write(value.bytes);
      data.flush();
    }

    @Override
    public EncodedKey decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      byte[] b = new byte[data.readInt()];
      data.readFully(b);
      return new EncodedKey(b);
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
