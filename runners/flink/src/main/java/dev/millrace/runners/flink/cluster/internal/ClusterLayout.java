package dev.millrace.runners.flink.cluster.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a local cluster keeps its files below its folder: {@code conf/config.yaml},
 * {@code logs/<process>.log}, {@code pids/<process>.pid}, {@code tmp/} (Flink's
 * {@code io.tmp.dirs}, blobs, the Web UI's files and the JVMs' {@code java.io.tmpdir}) and
 * {@code checkpoints/}.
 */
public record ClusterLayout(Path root) {
  public Path conf() {
    return root.resolve("conf");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path pids() {
    return root.resolve("pids");
  }

  public Path tmp() {
    return root.resolve("tmp");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path log(String process) {
    return logs().resolve(process + ".log");
  }

  public Path pidFile(String process) {
    return pids().resolve(process + ".pid");
  }

  /** Creates the folders (keeping old logs). */
  public void create() throws IOException {
    for (Path p : new Path[] {conf(), logs(), pids(), tmp(), checkpoints()}) {
      Files.createDirectories(p);
    }
  }
}
