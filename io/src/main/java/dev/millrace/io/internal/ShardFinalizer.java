package dev.millrace.io.internal;

import dev.millrace.values.KV;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The last step of a text write: gives every temporary file its final shard name, writes empty
 * shards (header and footer only) for shard numbers that got no lines, removes files of an
 * earlier write with the same prefix and suffix that this write does not produce, and deletes the
 * temporary directory.
 *
 * <p>Safe to repeat after a failure part-way: a temporary file already moved is recognised by
 * its final file being present.
 */
public final class ShardFinalizer {
  private ShardFinalizer() {}

  /**
   * Finalises the write.
   *
   * @param results {@code KV(shard, tempFile)} per temporary file; shard is -1 when the write has
   *     no fixed shard count (files are then numbered in the order of their names)
   */
  public static void finalizeFiles(WriteConfig config, List<KV<Integer, String>> results) {
    try {
      Files.createDirectories(Path.of(config.directory()));
      TreeMap<Integer, Path> byShard = assignShards(config, results);
      int total = config.numShards() > 0 ? config.numShards() : Math.max(1, byShard.size());
      Set<String> finalNames = new HashSet<>();
      for (int i = 0; i < total; i++) {
        finalNames.add(config.shardName(i, total));
      }
      deleteStaleOutputs(config, finalNames);
      for (int i = 0; i < total; i++) {
        Path target = config.shardPath(i, total);
        Path temp = byShard.get(i);
        if (temp == null) {
          TextFileWriter.writeFile(target, config.header(), List.of(), config.footer());
        } else {
          moveIfPresent(temp, target);
        }
      }
      deleteRecursively(config.tempDir());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot finalize the text files " + config.describe() + ": " + e.getMessage(), e);
    }
  }

  private static TreeMap<Integer, Path> assignShards(
      WriteConfig config, List<KV<Integer, String>> results) {
    TreeMap<Integer, Path> byShard = new TreeMap<>();
    if (config.numShards() == 0) {
      List<String> names = new ArrayList<>();
      results.forEach(r -> names.add(r.getValue()));
      names.sort(Comparator.naturalOrder());
      for (int i = 0; i < names.size(); i++) {
        byShard.put(i, Path.of(names.get(i)));
      }
      return byShard;
    }
    for (KV<Integer, String> r : results) {
      Path previous = byShard.put(r.getKey(), Path.of(r.getValue()));
      if (previous != null || r.getKey() < 0 || r.getKey() >= config.numShards()) {
        throw new IllegalStateException("Shard " + r.getKey() + " of " + config.describe()
            + " was written twice or is out of range [0, " + config.numShards() + "); this is a "
            + "runner bug (a GroupByKey group delivered twice?)");
      }
    }
    return byShard;
  }

  private static void moveIfPresent(Path temp, Path target) throws IOException {
    if (!Files.exists(temp)) {
      if (Files.exists(target)) {
        return; // moved by an earlier attempt of this step
      }
      throw new IOException("the temporary file " + temp + " for " + target + " is missing");
    }
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes files named like this write's outputs that this write will not produce. */
  private static void deleteStaleOutputs(WriteConfig config, Set<String> keep) throws IOException {
    Pattern pattern = config.shardNamePattern();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(config.directory()))) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!keep.contains(name) && pattern.matcher(name).matches() && Files.isRegularFile(f)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
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
