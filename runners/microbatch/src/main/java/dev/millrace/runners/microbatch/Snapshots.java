package dev.millrace.runners.microbatch;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Small helpers for the checkpoint format: length-prefixed byte arrays. */
final class Snapshots {
  private Snapshots() {}

  static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static byte[] readBytes(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt checkpoint: negative length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
