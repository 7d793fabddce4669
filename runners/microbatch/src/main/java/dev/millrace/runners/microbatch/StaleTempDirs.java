package dev.millrace.runners.microbatch;

import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.ExecutionGraph;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the temporary directories that earlier, killed attempts of a checkpointed job left next
 * to its text outputs. Every attempt of a text write puts its in-progress files in a directory
 * named {@code .temp-NAME-UUID} beside the output (a new UUID per attempt); an attempt killed
 * before its write finished leaves that directory behind. When a job run with
 * {@code --checkpointDir} has finished, every file it produced has been moved to its final name,
 * so any other directory of exactly that naming pattern beside one of the pipeline's own text
 * outputs is an earlier attempt's. Directories of the pipeline's own writes (also of a write with
 * the same prefix but another suffix) are kept, as is anything not named exactly so. Failures are
 * logged, never thrown: the output is already complete.
 */
final class StaleTempDirs {
  private static final Logger LOG = LoggerFactory.getLogger(StaleTempDirs.class);
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private StaleTempDirs() {}

  /** Deletes the stale temporary directories of the pipeline's text writes; never throws. */
  static void deleteAfterFinishedRun(ExecutionGraph graph) {
    try {
      deleteAll(graph);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn("Could not look for temporary directories of earlier attempts: {}", e.toString());
    }
  }

  private static void deleteAll(ExecutionGraph graph) {
    List<TextFileSinkSpec> sinks = new ArrayList<>();
    Set<Path> own = new HashSet<>();
    for (ExecutableStep s : graph.steps()) {
      if (s instanceof ParDoStep p && p.parDo().getFn() instanceof TextFileSinkSpec.Provider pr) {
        TextFileSinkSpec spec = pr.textFileSink();
        sinks.add(spec);
        own.add(Path.of(spec.tempDirectory()).toAbsolutePath().normalize());
      }
    }
    for (TextFileSinkSpec spec : sinks) {
      try {
        deleteStale(spec, own);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Could not remove temporary directories of earlier attempts beside {}: {}",
            spec.directory(), e.toString());
      }
    }
  }

  private static void deleteStale(TextFileSinkSpec spec, Set<Path> own) throws IOException {
    Path dir = Path.of(spec.directory());
    if (!Files.isDirectory(dir)) {
      return;
    }
    String name = spec.namePrefix().isEmpty() ? "output" : spec.namePrefix();
    Pattern stale = Pattern.compile("\\.temp-" + Pattern.quote(name) + "-" + UUID_PATTERN);
    List<Path> victims = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        if (stale.matcher(e.getFileName().toString()).matches() && Files.isDirectory(e)
            && !own.contains(e.toAbsolutePath().normalize())) {
          victims.add(e);
        }
      }
    }
    for (Path v : victims) {
      LOG.info("Removing {}, the temporary directory of an earlier attempt of this job", v);
      try (Stream<Path> all = Files.walk(v)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
