package dev.millrace.internal;

import java.io.Serializable;
import java.util.Objects;

/**
 * Internal, runner-neutral description of a text-file write, so that a runner with transactional
 * sinks can replace the write's portable expansion (DoFns, a GroupByKey and a final rename) by a
 * sink that commits files together with its checkpoints.
 *
 * <p>The first DoFn of the write's expansion implements {@link Provider}. A runner that finds such
 * a DoFn in a step named {@code W/...} may execute, instead of every step whose full name starts
 * with {@code W/}, a sink that writes the step's input as described here. Runners that do not
 * look for it run the expansion as it is. Not a public API: it may change without notice.
 *
 * @param directory the absolute directory of the output files
 * @param namePrefix the file-name part of the output prefix (may be empty)
 * @param suffix appended to every file name, e.g. ".txt"
 * @param header a line written first in every file, or null
 * @param footer a line written last in every file, or null
 * @param numShards the requested number of files per write, or 0 to let the runner decide
 * @param tempDirectory the absolute directory for in-progress files, unique to this write
 */
public record TextFileSinkSpec(
    String directory,
    String namePrefix,
    String suffix,
    String header,
    String footer,
    int numShards,
    String tempDirectory)
    implements Serializable {

  public TextFileSinkSpec {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(namePrefix, "namePrefix");
    Objects.requireNonNull(suffix, "suffix");
    Objects.requireNonNull(tempDirectory, "tempDirectory");
    if (numShards < 0) {
      throw new IllegalArgumentException("numShards must be >= 0, got " + numShards);
    }
  }

  /** Implemented by the DoFn that starts a text write's expansion (see the class comment). */
  public interface Provider {
    /** What the write produces. */
    TextFileSinkSpec textFileSink();
  }
}
