package dev.millrace.windowing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A {@link DataOutput} into a growing byte array, big-endian like {@link DataOutputStream},
 * without a stream and its buffers around it: state cells are encoded by the million.
 */
final class ByteArrayDataOutput implements DataOutput {
  private byte[] bytes;
  private int size;

  ByteArrayDataOutput(int initialCapacity) {
    bytes = new byte[Math.max(8, initialCapacity)];
  }

  private int grab(int n) {
    if (size + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
    }
    int at = size;
    size += n;
    return at;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  @Override
  public void write(int b) {
    int at = grab(1);
    bytes[at] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    int at = grab(len); // first: it may replace the array
    System.arraycopy(b, off, bytes, at, len);
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    int at = grab(2);
    bytes[at] = (byte) (v >>> 8);
    bytes[at + 1] = (byte) v;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    int at = grab(4);
    bytes[at] = (byte) (v >>> 24);
    bytes[at + 1] = (byte) (v >>> 16);
    bytes[at + 2] = (byte) (v >>> 8);
    bytes[at + 3] = (byte) v;
  }

  @Override
  public void writeLong(long v) {
    writeInt((int) (v >>> 32));
    writeInt((int) v);
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  @Override
  public void writeBytes(String s) {
    for (int i = 0; i < s.length(); i++) {
      write(s.charAt(i));
    }
  }

  @Override
  public void writeChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      writeChar(s.charAt(i));
    }
  }

  @Override
  public void writeUTF(String s) throws IOException {
    // Modified UTF-8 exactly as DataOutputStream writes it (rare in state cells: a copy is fine).
    ByteArrayOutputStream utf = new ByteArrayOutputStream(s.length() + 2);
    new DataOutputStream(utf).writeUTF(s);
    write(utf.toByteArray());
  }
}
