package dev.millrace.runners.flink.internal;

import com.google.common.base.Preconditions;
import java.io.IOException;
import dev.millrace.runners.core.files.PendingPart;
import dev.millrace.runners.core.files.TextPartFiles;
import java.nio.file.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A finished in-progress file of the text-file sink and the final name it gets when the checkpoint
 * that prepared it completes.
 *
 * @param tempPath the absolute path of the finished in-progress file
 * @param finalPath the absolute path of the output file
 */
record TextFileCommittable(String tempPath, String finalPath) {
  TextFileCommittable {
    Preconditions.checkNotNull(tempPath, "tempPath");
    Preconditions.checkNotNull(finalPath, "finalPath");
  }

  /**
   * Moves the file to its final name. Idempotent: when the in-progress file is gone and the final
   * file exists, an earlier attempt already committed it and nothing happens.
   *
   * @throws IOException when neither file exists (the output would be lost) or the move fails
   */
  void commit() throws IOException {
    TextPartFiles.commit(new PendingPart(Path.of(tempPath), Path.of(finalPath)));
  }

  /** Serialises committables into Flink checkpoints (version 1: two UTF strings). */
  static final class Serializer implements SimpleVersionedSerializer<TextFileCommittable> {
    static final Serializer INSTANCE = new Serializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(TextFileCommittable c) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(256);
      out.writeUTF(c.tempPath());
      out.writeUTF(c.finalPath());
      return out.getCopyOfBuffer();
    }

    @Override
    public TextFileCommittable deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1) {
        throw new IOException("Unknown version " + version + " of a text-file committable in the "
            + "checkpoint; it was written by a newer Millrace Flink runner");
      }
      DataInputDeserializer in = new DataInputDeserializer(bytes);
      return new TextFileCommittable(in.readUTF(), in.readUTF());
    }
  }
}
