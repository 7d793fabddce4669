package dev.millrace.io.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines from a byte stream, tracking the byte offset of the next unread byte. Lines
 * end at {@code \n}, {@code \r\n} or a lone {@code \r}; terminators are not part of the line. A
 * final line without a terminator is returned; a terminator at the very end does not start an
 * empty line.
 *
 * <p>Scans a large buffer byte by byte; a line that lies inside the buffer is decoded straight
 * from it, without copying.
 */
public final class LineReader implements Closeable {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final InputStream in;
  private final byte[] buf = new byte[BUFFER_SIZE];
  private int pos;
  private int limit;
  private long bufStart;
  private byte[] carry = new byte[256];
  private int carryLen;

  /** Reads from {@code in}, whose first byte is at offset {@code startOffset} of the file. */
  public LineReader(InputStream in, long startOffset) {
    this.in = in;
    this.bufStart = startOffset;
  }

  /** The offset of the next unread byte: after {@link #readLine}, the start of the next line. */
  public long position() {
    return bufStart + pos;
  }

  /** The next line, or null at the end of the stream. */
  public String readLine() throws IOException {
    if (!fill()) {
      return null;
    }
    carryLen = 0;
    while (true) {
      int start = pos;
      int i = scan(start);
      if (i < limit) {
        String line = carryLen == 0
            ? new String(buf, start, i - start, StandardCharsets.UTF_8)
            : appendAndDecode(start, i - start);
        pos = i + 1;
        if (buf[i] == '\r') {
          skipLineFeed();
        }
        return line;
      }
      append(start, limit - start);
      pos = limit;
      if (!fill()) {
        return new String(carry, 0, carryLen, StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * Skips past the next line terminator (or to the end of the stream); false when the stream
   * ended before a terminator.
   */
  public boolean skipLine() throws IOException {
    while (fill()) {
      int i = scan(pos);
      if (i < limit) {
        pos = i + 1;
        if (buf[i] == '\r') {
          skipLineFeed();
        }
        return true;
      }
      pos = limit;
    }
    return false;
  }

  private int scan(int from) {
    byte[] b = buf;
    int end = limit;
    int i = from;
    while (i < end) {
      byte c = b[i];
      if (c == '\n' || c == '\r') {
        break;
      }
      i++;
    }
    return i;
  }

  private void skipLineFeed() throws IOException {
    if (fill() && buf[pos] == '\n') {
      pos++;
    }
  }

  /** Ensures at least one unread byte is buffered; false at the end of the stream. */
  private boolean fill() throws IOException {
    while (pos >= limit) {
      bufStart += limit;
      pos = 0;
      limit = 0;
      int n = in.read(buf, 0, buf.length);
      if (n < 0) {
        return false;
      }
      limit = n;
    }
    return true;
  }

  private void append(int from, int len) {
    if (carryLen + len > carry.length) {
      carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carryLen + len));
    }
    System.arraycopy(buf, from, carry, carryLen, len);
    carryLen += len;
  }

  private String appendAndDecode(int from, int len) {
    append(from, len);
    return new String(carry, 0, carryLen, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
