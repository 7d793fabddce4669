package dev.millrace.runners.flink.internal;

import dev.millrace.coders.AtomicCoder;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderException;
import dev.millrace.coders.CoderUtils;
import dev.millrace.windowing.StateCodecs;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
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
  /** The hash of the bytes, computed on first use (0: not yet). */
  private transient int hash;

  public EncodedKey(byte[] bytes) {
    this.bytes = bytes;
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
    if (o == this) {
      return true;
    }
    if (!(o instanceof EncodedKey k)) {
      return false;
    }
    int h = hash;
    int kh = k.hash;
    return (h == 0 || kh == 0 || h == kh) && Arrays.equals(k.bytes, bytes);
  }

  /** Deterministic across JVMs (Flink derives the key group from it); cached. */
  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(bytes);
      h = h == 0 ? 1 : h;
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return "EncodedKey(" + bytes.length + " bytes)";
  }

  /** The coder of encoded keys: a byte string prefixed with its length as a varint. */
  public static final class KeyCoder extends AtomicCoder<EncodedKey> {
    private static final long serialVersionUID = 1L;
    public static final KeyCoder INSTANCE = new KeyCoder();

    @Override
    public void encode(EncodedKey value, OutputStream out) throws IOException {
      if (out instanceof DataOutput data) { // a Flink view: write straight to it
        writeLength(value.bytes.length, data);
        data.write(value.bytes);
        return;
      }
      DataOutputStream data = new DataOutputStream(out);
      writeLength(value.bytes.length, data);
      data.write(value.bytes);
      data.flush();
    }

    @Override
    public EncodedKey decode(InputStream in) throws IOException {
      DataInput data = in instanceof DataInput d ? d : new DataInputStream(in);
      byte[] b = new byte[readLength(data)];
      data.readFully(b);
      return new EncodedKey(b);
    }

    private static void writeLength(int length, DataOutput out) throws IOException {
      StateCodecs.writeVarLong(length, out);
    }

    private static int readLength(DataInput in) throws IOException {
      long length = StateCodecs.readVarLong(in);
      if (length < 0 || length > Integer.MAX_VALUE) {
        throw new CoderException("corrupt encoded key: length " + length);
      }
      return (int) length;
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
