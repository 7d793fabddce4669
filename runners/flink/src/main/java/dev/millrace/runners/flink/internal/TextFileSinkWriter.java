package dev.millrace.runners.flink.internal;

import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.runners.core.files.PendingPart;
import dev.millrace.runners.core.files.TextPartFiles;
import dev.millrace.runners.core.files.TextPartWriter;
import dev.millrace.windowing.WindowedValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The first phase of the text-file sink, one per parallel instance: writes the lines it receives
 * to an in-progress file in the write's temporary directory and, before each checkpoint barrier
 * (and at the end of the input), finishes that file (footer) and hands it to the committer as a
 * {@link TextFileCommittable}. Instance {@code S} of {@code N} numbers its files' parts
 * {@code 0, 1, 2, ...} (after a restore from checkpoint {@code C}, from {@code C + 1} on): part
 * {@code P} becomes {@code PREFIX-part-PPPPPPPP-SSSSS-of-NNNNNSUFFIX}.
 *
 * <p>Its checkpointed state is the number of the next part. After a restore, in-progress and
 * prepared files with that number or a higher one were written after the checkpoint (their lines
 * are replayed) and are deleted; the lower ones belong to the checkpoint and the committer
 * renames them.
 */
final class TextFileSinkWriter
    implements CommittingSinkWriter<WindowedValue<Object>, TextFileCommittable>,
        StatefulSinkWriter<WindowedValue<Object>, TextFileSinkWriter.State> {
  private static final Pattern TEMP_NAME = Pattern.compile("w(\\d{5,})-(\\d{8,})-.*");

  private final TextFileSinkSpec spec;
  private final int subtask;
  private final int parallelism;
  private long nextPart;
  private TextPartWriter current;

  /**
   * @param restoredCheckpointId the checkpoint the job restarted from, or -1 for a fresh start
   * @param restored the writer states restored from it (this instance's own, and after a
   *     rescaling possibly those of instances that no longer exist)
   */
  TextFileSinkWriter(TextFileSinkSpec spec, int subtask, int parallelism,
      long restoredCheckpointId, Collection<State> restored) throws IOException {
    this.spec = spec;
    this.subtask = subtask;
    this.parallelism = parallelism;
    long ownNext = -1;
    for (State s : restored) {
      if (s.subtask() == subtask) {
        ownNext = Math.max(ownNext, s.nextPart());
      } else {
        deleteUncommitted(s);
      }
    }
    // A part is never numbered above the checkpoint that prepares it, so numbering from the
    // restored checkpoint id + 1 never reuses a committed name, even after a rescaling lost this
    // instance's own state. Without own state, files of a failed attempt above that are deleted.
    long afterCheckpoint = restoredCheckpointId < 0 ? 0 : restoredCheckpointId + 1;
    deleteUncommitted(new State(subtask, ownNext >= 0 ? ownNext : afterCheckpoint));
    nextPart = Math.max(ownNext, afterCheckpoint);
  }

  /** The final file name of part {@code part} of instance {@code subtask} of N (parallelism). */
  static String finalName(TextFileSinkSpec spec, long part, int subtask, int parallelism) {
    return TextPartFiles.finalName(spec, part, subtask, parallelism);
  }

  @Override
  public void write(WindowedValue<Object> element, Context context) throws IOException {
    if (ScriptMarker.is(element)) {
      return; // under a TestStream: a held upstream watermark, not a line
    }
    if (current == null) {
      open();
    }
    current.writeLine((String) element.value());
  }

  private void open() throws IOException {
    Path dir = Path.of(spec.tempDirectory());
    Path inProgress = dir.resolve(String.format("w%05d-%08d-%s", subtask, nextPart, UUID.randomUUID()));
    Path target = Path.of(spec.directory())
        .resolve(finalName(spec, nextPart, subtask, parallelism));
    current = TextPartWriter.open(inProgress, target, spec.header(), spec.footer());
  }

  @Override
  public void flush(boolean endOfInput) {
    // Lines reach the disk when prepareCommit finishes the file.
  }

  @Override
  public Collection<TextFileCommittable> prepareCommit() throws IOException {
    if (current == null) {
      return List.of();
    }
    PendingPart part = current.finish(true);
    current = null;
    nextPart++;
    return List.of(
        new TextFileCommittable(part.inProgress().toString(), part.target().toString()));
  }

  @Override
  public List<State> snapshotState(long checkpointId) {
    return List.of(new State(subtask, nextPart));
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.abort();
      current = null;
    }
  }

  /** Deletes the restored instance's files written after the checkpoint. */
  private void deleteUncommitted(State s) throws IOException {
    Path dir = Path.of(spec.tempDirectory());
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Matcher m = TEMP_NAME.matcher(f.getFileName().toString());
        if (m.matches() && Integer.parseInt(m.group(1)) == s.subtask()
            && Long.parseLong(m.group(2)) >= s.nextPart()) {
          stale.add(f);
        }
      }
    }
    for (Path f : stale) {
      Files.deleteIfExists(f);
    }
  }

  /** A writer's checkpointed state: the number of its next part. */
  record State(int subtask, long nextPart) {}

  /** Serialises {@link State} (version 1). */
  static final class StateSerializer implements SimpleVersionedSerializer<State> {
    static final StateSerializer INSTANCE = new StateSerializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(State s) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(16);
      out.writeInt(s.subtask());
      out.writeLong(s.nextPart());
      return out.getCopyOfBuffer();
    }

    @Override
    public State deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1) {
        throw new UncheckedIOException(new IOException("Unknown version " + version
            + " of a text-file writer state; it was written by a newer Millrace Flink runner"));
      }
      DataInputDeserializer in = new DataInputDeserializer(bytes);
      return new State(in.readInt(), in.readLong());
    }
  }
}
