package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Variable-length integers (little-endian base-128, seven bits per byte, high bit set on all but
 * the last byte; negative numbers take the maximum length) and other stream helpers shared by the
 * coders.
 */
final class VarInts {
  private VarInts() {}

  static void writeInt(int v, OutputStream out) throws IOException {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  static void writeLong(long v, OutputStream out) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  static int readInt(InputStream in) throws IOException {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = readByte(in);
      if (shift == 28 && (b & 0xF0) != 0) {
        throw new CoderException("Malformed variable-length int: more than 32 bits");
      }
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new CoderException("Malformed variable-length int: more than 5 bytes");
  }

  static long readLong(InputStream in) throws IOException {
    long result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int b = readByte(in);
      if (shift == 63 && (b & 0xFE) != 0) {
        throw new CoderException("Malformed variable-length long: more than 64 bits");
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new CoderException("Malformed variable-length long: more than 10 bytes");
  }

  /** Reads one byte (0..255), failing with a CoderException at the end of the stream. */
  static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new CoderException("Unexpected end of stream while decoding");
    }
    return b;
  }

  /** Reads exactly {@code len} bytes, failing with a CoderException at the end of the stream. */
  static void readFully(InputStream in, byte[] buf, int off, int len) throws IOException {
    while (len > 0) {
      int n = in.read(buf, off, len);
      if (n < 0) {
        throw new CoderException(
            "Unexpected end of stream while decoding: " + len + " more bytes expected");
      }
      off += n;
      len -= n;
    }
  }

  /** Reads a non-negative length prefix, rejecting negative (corrupt) values. */
  static int readLength(InputStream in) throws IOException {
    int len = readInt(in);
    if (len < 0) {
      throw new CoderException("Malformed length prefix: " + len);
    }
    return len;
  }

  static void writeBigEndianInt(int v, OutputStream out) throws IOException {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  static int readBigEndianInt(InputStream in) throws IOException {
    return (readByte(in) << 24) | (readByte(in) << 16) | (readByte(in) << 8) | readByte(in);
  }

  static void writeBigEndianLong(long v, OutputStream out) throws IOException {
    writeBigEndianInt((int) (v >>> 32), out);
    writeBigEndianInt((int) v, out);
  }

  static long readBigEndianLong(InputStream in) throws IOException {
    long hi = readBigEndianInt(in) & 0xFFFFFFFFL;
    long lo = readBigEndianInt(in) & 0xFFFFFFFFL;
    return (hi << 32) | lo;
  }

  /** Fails with a message naming the coder when asked to encode a null. */
  static CoderException cannotEncodeNull(Coder<?> coder) {
    return new CoderException(
        "Cannot encode a null value with "
            + coder
            + "; wrap the coder in NullableCoder.of(...) if the values may be null");
  }
}
