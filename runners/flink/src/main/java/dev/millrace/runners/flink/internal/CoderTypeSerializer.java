package dev.millrace.runners.flink.internal;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderException;
import dev.millrace.runners.core.SerializableUtils;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink {@link TypeSerializer} that encodes values with a Millrace {@link Coder}, so every
 * record Flink ships between tasks, and every value it keeps in state, is encoded by the
 * pipeline's own coders (never by Kryo).
 *
 * <p>Values are treated as immutable, as the model requires of elements: {@link #copy(Object)}
 * returns the value itself. Flink only copies records between chained operators when object reuse
 * is off; the runner switches it on.
 *
 * @param <T> the type of the values
 */
public final class CoderTypeSerializer<T> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final Coder<T> coder;

  public CoderTypeSerializer(Coder<T> coder) {
    this.coder = Preconditions.checkNotNull(coder, "a coder serializer needs a coder");
  }

  /** The wrapped coder. */
  public Coder<T> getCoder() {
    return coder;
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public T copy(T from) {
    return from;
  }

  @Override
  public T copy(T from, T reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    try {
      coder.encode(record, new ViewOutputStream(target));
    } catch (CoderException e) {
      throw new CoderException("Flink could not serialize " + record + " with " + coder
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    return coder.decode(new ViewInputStream(source));
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    coder.decode(new CopyingViewInputStream(source, target)); // the bytes read are the copy
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoderTypeSerializer<?> s && s.coder.equals(coder);
  }

  @Override
  public int hashCode() {
    return coder.hashCode();
  }

  @Override
  public String toString() {
    return "CoderTypeSerializer(" + coder + ")";
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(coder);
  }

  /**
   * The snapshot of a coder serializer: the Java-serialized coder. A restored serializer is
   * compatible when its coder is equal to the snapshot's coder.
   *
   * @param <T> the type of the values
   */
  public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
    private Coder<T> coder;

    /** For Flink's reflective instantiation on restore. */
    public Snapshot() {}

    Snapshot(Coder<T> coder) {
      this.coder = coder;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      byte[] bytes = SerializableUtils.serialize(coder, "the coder " + coder);
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
        throws IOException {
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try {
        coder = SerializableUtils.deserialize(bytes, "a coder from a Flink snapshot");
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return new CoderTypeSerializer<>(coder);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
        TypeSerializerSnapshot<T> oldSnapshot) {
      return oldSnapshot instanceof Snapshot<T> s && s.coder != null && s.coder.equals(coder)
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }

  /**
   * An OutputStream writing to a Flink view (no buffering, no closing). It is also the view's
   * {@link DataOutput}, so coders that write fixed-width fields (the windowed-value header, encoded
   * keys) write them straight to Flink's buffer instead of through a per-record wrapper.
   */
  static final class ViewOutputStream extends OutputStream implements DataOutput {
    private final DataOutputView out;

    ViewOutputStream(DataOutputView out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
      out.write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void writeBoolean(boolean v) throws IOException {
      out.writeBoolean(v);
    }

    @Override
    public void writeByte(int v) throws IOException {
      out.writeByte(v);
    }

    @Override
    public void writeShort(int v) throws IOException {
      out.writeShort(v);
    }

    @Override
    public void writeChar(int v) throws IOException {
      out.writeChar(v);
    }

    @Override
    public void writeInt(int v) throws IOException {
      out.writeInt(v);
    }

    @Override
    public void writeLong(long v) throws IOException {
      out.writeLong(v);
    }

    @Override
    public void writeFloat(float v) throws IOException {
      out.writeFloat(v);
    }

    @Override
    public void writeDouble(double v) throws IOException {
      out.writeDouble(v);
    }

    @Override
    public void writeBytes(String v) throws IOException {
      out.writeBytes(v);
    }

    @Override
    public void writeChars(String v) throws IOException {
      out.writeChars(v);
    }

    @Override
    public void writeUTF(String v) throws IOException {
      out.writeUTF(v);
    }
  }

  /**
   * An InputStream reading from a Flink view, returning -1 at its end; also the view's
   * {@link DataInput} (see {@link ViewOutputStream}).
   */
  static final class ViewInputStream extends InputStream implements DataInput {
    private final DataInputView in;

    ViewInputStream(DataInputView in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.readUnsignedByte();
      } catch (EOFException e) {
        return -1;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return len == 0 ? 0 : in.read(b, off, len);
    }

    @Override
    public void readFully(byte[] b) throws IOException {
      in.readFully(b);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
      in.readFully(b, off, len);
    }

    @Override
    public int skipBytes(int n) throws IOException {
      return in.skipBytes(n);
    }

    @Override
    public boolean readBoolean() throws IOException {
      return in.readBoolean();
    }

    @Override
    public byte readByte() throws IOException {
      return in.readByte();
    }

    @Override
    public int readUnsignedByte() throws IOException {
      return in.readUnsignedByte();
    }

    @Override
    public short readShort() throws IOException {
      return in.readShort();
    }

    @Override
    public int readUnsignedShort() throws IOException {
      return in.readUnsignedShort();
    }

    @Override
    public char readChar() throws IOException {
      return in.readChar();
    }

    @Override
    public int readInt() throws IOException {
      return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
      return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
      return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
      return in.readDouble();
    }

    @Override
    @Deprecated
    public String readLine() throws IOException {
      return in.readLine();
    }

    @Override
    public String readUTF() throws IOException {
      return in.readUTF();
    }
  }
}
