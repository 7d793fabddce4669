package dev.millrace.runners.flink.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink input view as the stream a coder decodes from, which writes every byte it reads to an
 * output view too: decoding a record through it copies the record's bytes as they are. Flink's
 * sorter copies records this way when it spills, so a copy costs a decoding but no encoding (an
 * encoding carries no length: only decoding finds where a record ends). It is deliberately only an
 * {@link InputStream}: a coder that wants a {@code DataInput} wraps it, and every byte still
 * passes through the two methods below.
 */
final class CopyingViewInputStream extends InputStream {
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
}
