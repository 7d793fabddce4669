package dev.millrace.runners.core.files;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A finished part file waiting to be committed: its complete in-progress file and its final path.
 * Written into checkpoints so that a restore can finish a commit a crash interrupted.
 *
 * @param inProgress the finished file in the write's temporary directory
 * @param target the final path it is renamed to on commit
 */
public record PendingPart(Path inProgress, Path target) {
  public PendingPart {
    Objects.requireNonNull(inProgress, "inProgress");
    Objects.requireNonNull(target, "target");
  }

  /** Writes a list of parts (a count, then each part's two paths). */
  public static void writeAll(DataOutput out, List<PendingPart> parts) throws IOException {
    out.writeInt(parts.size());
    for (PendingPart p : parts) {
      out.writeUTF(p.inProgress().toString());
      out.writeUTF(p.target().toString());
    }
  }

  /** Reads a list written by {@link #writeAll}. */
  public static List<PendingPart> readAll(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt list of pending text files: negative count " + n);
    }
    List<PendingPart> parts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parts.add(new PendingPart(Path.of(in.readUTF()), Path.of(in.readUTF())));
    }
    return parts;
  }
}
