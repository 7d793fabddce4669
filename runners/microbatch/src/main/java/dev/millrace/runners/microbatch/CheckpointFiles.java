package dev.millrace.runners.microbatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The checkpoint directory: one file per committed batch, {@code checkpoint-NNNNNNNNNNNN}, written
 * to a temporary file, forced to disk and atomically renamed, so a reader sees either the whole
 * commit or none of it. Every file ends with a CRC-32 of its content; the newest intact file
 * wins. The two newest files are kept.
 */
final class CheckpointFiles {
  private static final String PREFIX = "checkpoint-";
  private final Path dir;

  CheckpointFiles(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the checkpoint directory " + dir
          + " given by --checkpointDir: " + e.getMessage(), e);
    }
  }

  /** The content of the newest intact checkpoint, if any. */
  Optional<byte[]> latest() throws IOException {
    TreeMap<Long, Path> all = list();
    for (Long id : all.descendingKeySet()) {
      byte[] bytes = Files.readAllBytes(all.get(id));
      if (bytes.length >= 8) {
        long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (crc.getValue() == stored) {
          byte[] content = new byte[bytes.length - 8];
          System.arraycopy(bytes, 0, content, 0, content.length);
          return Optional.of(content);
        }
      }
    }
    return Optional.empty();
  }

  /** Atomically commits the checkpoint of a batch. */
  void commit(long batchId, byte[] content) throws IOException {
    Path target = dir.resolve(String.format("%s%012d", PREFIX, batchId));
    Path temp = dir.resolve(target.getFileName() + ".tmp");
    CRC32 crc = new CRC32();
    crc.update(content);
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ByteBuffer tail = ByteBuffer.allocate(8).putLong(0, crc.getValue());
      while (tail.hasRemaining()) {
        ch.write(tail);
      }
      ch.force(true);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of --checkpointDir=" + dir + " cannot rename "
          + "atomically, which exactly-once commits need; use a local directory", e);
    }
    TreeMap<Long, Path> all = list();
    List<Long> old = new ArrayList<>(all.headMap(batchId, false).descendingKeySet());
    for (int i = 1; i < old.size(); i++) {
      Files.deleteIfExists(all.get(old.get(i)));
    }
  }

  private TreeMap<Long, Path> list() throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(".tmp")) {
          Files.deleteIfExists(f);
          continue;
        }
        try {
          out.put(Long.parseLong(name.substring(PREFIX.length())), f);
        } catch (NumberFormatException e) {
          // not one of ours
        }
      }
    }
    return out;
  }
}
