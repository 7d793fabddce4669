package dev.millrace.runners.core;

import dev.millrace.coders.Coder;
import dev.millrace.windowing.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A model {@link Coder} seen as the windowing core's {@link StateCodec}, so runners can store the
 * core's state (buffered values, accumulators) with the pipeline's coders.
 *
 * @param coder the coder
 * @param <T> the encoded type
 */
public record CoderStateCodec<T>(Coder<T> coder) implements StateCodec<T> {

  /** The codec of a coder. */
  public static <T> CoderStateCodec<T> of(Coder<T> coder) {
    return new CoderStateCodec<>(coder);
  }

  @Override
  public void encode(T value, DataOutput out) throws IOException {
    coder.encode(value, new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }
    });
  }

  @Override
  public T decode(DataInput in) throws IOException {
    return coder.decode(new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          return in.readUnsignedByte();
        } catch (java.io.EOFException e) {
          return -1;
        }
      }
    });
  }
}
