package dev.millrace.runners.core.files;

import com.google.common.base.Preconditions;
import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.ExecutionGraph;
import dev.millrace.values.PCollection;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the in-process runners' per-batch text sinks share: which steps they replace, the names of
 * the files they commit and the idempotent commit of one file.
 *
 * <p>A text write of a collection that never ends is a single step whose DoFn implements
 * {@link TextFileSinkSpec.Provider} and whose output nothing reads (see {@link #sinkOf}). A runner
 * replaces that step by a sink that writes its input in parts: part {@code P} of shard {@code S}
 * of {@code N} becomes {@code PREFIX-part-PPPPPPPP-SSSSS-of-NNNNNSUFFIX} in the write's directory,
 * with the write's header and footer, first written under another name in the write's temporary
 * directory and then renamed (the same naming as the Flink runner's two-phase sink).
 */
public final class TextPartFiles {
  private TextPartFiles() {}

  /**
   * The sink a runner may run instead of {@code step}, or null: the step's DoFn describes a text
   * write and the step is the whole write (nothing reads its output). The first steps of the
   * portable expansion of a bounded write also describe it, but their output feeds the rest of
   * that expansion, which the in-process runners run as it is.
   */
  public static TextFileSinkSpec sinkOf(ExecutionGraph graph, ExecutableStep step) {
    if (!(step instanceof ParDoStep p)
        || !(p.parDo().getFn() instanceof TextFileSinkSpec.Provider provider)) {
      return null;
    }
    for (PCollection<?> out : step.outputs().values()) {
      if (!graph.consumersOf(out).isEmpty()) {
        return null;
      }
    }
    return provider.textFileSink();
  }

  /** The final file name of part {@code part} of shard {@code shard} of {@code shards}. */
  public static String finalName(TextFileSinkSpec spec, long part, int shard, int shards) {
    Preconditions.checkArgument(part >= 0, "part must be >= 0, got %s", part);
    Preconditions.checkArgument(shard >= 0 && shard < shards,
        "shard must be in [0, %s), got %s", shards, shard);
    return String.format("%s-part-%08d-%05d-of-%05d%s",
        spec.namePrefix(), part, shard, shards, spec.suffix());
  }

  /** The final path of part {@code part} of shard {@code shard} of {@code shards}. */
  public static Path finalPath(TextFileSinkSpec spec, long part, int shard, int shards) {
    return Path.of(spec.directory()).resolve(finalName(spec, part, shard, shards));
  }

  /** Matches the final names of every part file of writes with this prefix and suffix. */
  public static Pattern finalNamePattern(TextFileSinkSpec spec) {
    return Pattern.compile(Pattern.quote(spec.namePrefix()) + "-part-\\d{8,}-\\d{5,}-of-\\d{5,}"
        + Pattern.quote(spec.suffix()));
  }

  /**
   * Starts writing part {@code part} of shard {@code shard} of {@code shards}: an in-progress
   * file in the write's temporary directory (created if missing), header already written.
   */
  public static TextPartWriter open(TextFileSinkSpec spec, long part, int shard, int shards)
      throws IOException {
    Path target = finalPath(spec, part, shard, shards);
    Path temp = Path.of(spec.tempDirectory())
        .resolve(String.format("part-%08d-%05d-of-%05d.inprogress", part, shard, shards));
    return TextPartWriter.open(temp, target, spec.header(), spec.footer());
  }

  /**
   * Moves a finished part to its final name, replacing a file of that name. Idempotent: when the
   * in-progress file is gone but the final one exists, an earlier attempt already committed it.
   *
   * @throws IOException when neither file exists (the part is lost), or the move fails
   */
  public static void commit(PendingPart part) throws IOException {
    try {
      Files.createDirectories(part.target().getParent());
      Files.move(part.inProgress(), part.target(),
          StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part.inProgress(), part.target(), StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      if (Files.exists(part.inProgress()) || !Files.exists(part.target())) {
        throw new IOException("Cannot commit the text file " + part.target() + ": its "
            + "in-progress file " + part.inProgress() + " is missing and the file itself does not "
            + "exist. Were files deleted from the output's temporary directory while the job "
            + "ran?", e);
      }
    }
  }

  /** Commits every part, in order. */
  public static void commitAll(List<PendingPart> parts) throws IOException {
    for (PendingPart p : parts) {
      commit(p);
    }
  }

  /** Deletes a directory and everything in it; nothing when it does not exist. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
