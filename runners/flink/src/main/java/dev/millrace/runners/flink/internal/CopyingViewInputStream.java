package dev.millrace.runners.flink.internal;

import java.io.DataInput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink input view as the stream a coder decodes from, which writes every byte it reads to an
 * output view too: decoding a record through it copies the record's bytes as they are. Flink's
 * sorter copies records this way when it spills, so a copy costs a decoding but no encoding (an
 * encoding carries no length: only decoding finds where a record ends).
 */
final class CopyingViewInputStream extends InputStream implements DataInput {
  private final DataInputView in;
  private final DataOutputView out;

  CopyingViewInputStream(DataInputView in, DataOutputView out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = in.readUnsignedByte();
    } catch (EOFException e) {
      return -1;
    }
    out.write(b);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = in.read(b, off, len);
    if (n > 0) {
      out.write(b, off, n);
    }
    return n;
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    in.readFully(b, off, len);
    out.write(b, off, len);
  }

  @Override
  public int skipBytes(int n) throws IOException {
    byte[] skipped = new byte[Math.max(0, n)];
    int read = 0;
    while (read < n) {
      int r = in.read(skipped, read, n - read);
      if (r < 0) {
        break;
      }
      read += r;
    }
    out.write(skipped, 0, read);
    return read;
  }

  @Override
  public boolean readBoolean() throws IOException {
    boolean v = in.readBoolean();
    out.writeBoolean(v);
    return v;
  }

  @Override
  public byte readByte() throws IOException {
    byte v = in.readByte();
    out.writeByte(v);
    return v;
  }

  @Override
  public int readUnsignedByte() throws IOException {
    int v = in.readUnsignedByte();
    out.writeByte(v);
    return v;
  }

  @Override
  public short readShort() throws IOException {
    short v = in.readShort();
    out.writeShort(v);
    return v;
  }

  @Override
  public int readUnsignedShort() throws IOException {
    int v = in.readUnsignedShort();
    out.writeShort(v);
    return v;
  }

  @Override
  public char readChar() throws IOException {
    char v = in.readChar();
    out.writeChar(v);
    return v;
  }

  @Override
  public int readInt() throws IOException {
    int v = in.readInt();
    out.writeInt(v);
    return v;
  }

  @Override
  public long readLong() throws IOException {
    long v = in.readLong();
    out.writeLong(v);
    return v;
  }

  @Override
  public float readFloat() throws IOException {
    int bits = in.readInt();
    out.writeInt(bits);
    return Float.intBitsToFloat(bits);
  }

  @Override
  public double readDouble() throws IOException {
    long bits = in.readLong();
    out.writeLong(bits);
    return Double.longBitsToDouble(bits);
  }

  @Override
  public String readLine() {
    throw new UnsupportedOperationException("coders do not read lines");
  }

  @Override
  public String readUTF() throws IOException {
    String v = in.readUTF();
    out.writeUTF(v); // modified UTF-8 written back is the same bytes
    return v;
  }
}
