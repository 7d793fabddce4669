package dev.millrace.runners.flink.cluster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The pid files of a local cluster ({@code pids/<process>.pid}), so that another process (the
 * {@code stop} command) can find and stop its JVMs. A pid only counts while its process is alive
 * and its command line names this cluster's folder, so a reused pid is never signalled.
 */
public final class PidFiles {
  private final ClusterLayout layout;

  public PidFiles(ClusterLayout layout) {
    this.layout = layout;
  }

  public void write(String process, long pid) throws IOException {
    Files.createDirectories(layout.pids());
    Files.writeString(layout.pidFile(process), pid + "\n", StandardCharsets.UTF_8);
  }

  /** Deletes every pid file. */
  public void clear() throws IOException {
    for (Path p : files()) {
      Files.deleteIfExists(p);
    }
  }

  /** The live processes of this cluster, by process name (jobmanager, taskmanager-0, ...). */
  public Map<String, ProcessHandle> alive() {
    Map<String, ProcessHandle> alive = new LinkedHashMap<>();
    for (Path f : files()) {
      String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
      read(f).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(this::ours)
          .ifPresent(h -> alive.put(name, h));
    }
    return alive;
  }

  private boolean ours(ProcessHandle h) {
    Optional<String> cmd = h.info().commandLine();
    return cmd.map(c -> c.contains("-Dmillrace.flink.cluster=" + layout.root()))
        .orElseGet(() -> h.info().command().map(c -> c.endsWith("java")).orElse(false));
  }

  private List<Path> files() {
    if (!Files.isDirectory(layout.pids())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(layout.pids())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".pid")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Long> read(Path f) {
    try {
      return Optional.of(Long.parseLong(Files.readString(f).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Sends SIGTERM to every live process of the cluster (TaskManagers first), SIGKILL to those
   * still alive after {@code timeout}, then deletes the pid files, the temporary files and the
   * checkpoints. Returns how many processes were alive.
   */
  public static int stopAll(ClusterLayout layout, Duration timeout) {
    PidFiles pids = new PidFiles(layout);
    Map<String, ProcessHandle> alive = pids.alive();
    alive.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.reverseOrder()))
        .forEach(e -> e.getValue().destroy());
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle h : alive.values()) {
      long left = Math.max(1, deadline - System.nanoTime());
      try {
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    for (ProcessHandle h : alive.values()) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // reported by the caller through alive() if it matters
      }
    }
    try {
      pids.clear();
      deleteTree(layout.tmp());
      deleteTree(layout.checkpoints());
    } catch (IOException e) {
      throw new UncheckedIOException("Stopped the cluster but could not delete its temporary "
          + "files in " + layout.root(), e);
    }
    return alive.size();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
