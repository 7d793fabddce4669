package dev.millrace.windowing;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A {@link DataInput} over a byte array, big-endian like {@link DataInputStream}, without the
 * buffers a {@code DataInputStream} allocates: state cells are decoded by the million.
 */
final class ByteArrayDataInput implements DataInput {
  private final byte[] bytes;
  private final int end;
  private int pos;

  ByteArrayDataInput(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  /** Reads {@code length} bytes of {@code bytes} from {@code offset}. */
  ByteArrayDataInput(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.pos = offset;
    this.end = offset + length;
  }

  private int take(int n) throws EOFException {
    if (n < 0 || pos + n > end) {
      throw new EOFException("needed " + n + " more bytes at " + pos + " of " + end);
    }
    int at = pos;
    pos += n;
    return at;
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    System.arraycopy(bytes, take(len), b, off, len);
  }

  @Override
  public int skipBytes(int n) {
    int skipped = Math.max(0, Math.min(n, end - pos));
    pos += skipped;
    return skipped;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return bytes[take(1)] != 0;
  }

  @Override
  public byte readByte() throws IOException {
    return bytes[take(1)];
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return bytes[take(1)] & 0xFF;
  }

  @Override
  public short readShort() throws IOException {
    return (short) readUnsignedShort();
  }

  @Override
  public int readUnsignedShort() throws IOException {
    int at = take(2);
    return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
  }

  @Override
  public char readChar() throws IOException {
    return (char) readUnsignedShort();
  }

  @Override
  public int readInt() throws IOException {
    int at = take(4);
    return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16)
        | ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
  }

  @Override
  public long readLong() throws IOException {
    return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  @Override
  public String readLine() {
    throw new UnsupportedOperationException("state codecs do not read lines");
  }

  @Override
  public String readUTF() throws IOException {
    return DataInputStream.readUTF(this);
  }

  /** Whether every byte was read. */
  boolean atEnd() {
    return pos == end;
  }
}
