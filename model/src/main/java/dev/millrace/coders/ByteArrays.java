package dev.millrace.coders;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/** Unsynchronised in-memory streams used by {@link CoderUtils} and the coders. */
final class ByteArrays {
  private ByteArrays() {}

  /** A growable byte buffer; unlike {@link java.io.ByteArrayOutputStream}, not synchronised. */
  static final class Output extends OutputStream {
    byte[] buf;
    int count;

    Output(int capacity) {
      buf = new byte[capacity];
    }

    private void ensure(int extra) {
      if (count + extra > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, count);
    }

    void reset() {
      count = 0;
    }
  }

  /** Reads from a byte array; unlike {@link java.io.ByteArrayInputStream}, not synchronised. */
  static final class Input extends InputStream {
    private final byte[] buf;
    private int pos;
    private final int end;

    Input(byte[] buf, int off, int len) {
      this.buf = buf;
      this.pos = off;
      this.end = off + len;
    }

    @Override
    public int read() {
      return pos < end ? buf[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= end) {
        return -1;
      }
      int n = Math.min(len, end - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long k = Math.max(0, Math.min(n, end - pos));
      pos += (int) k;
      return k;
    }

    @Override
    public int available() {
      return end - pos;
    }
  }
}
