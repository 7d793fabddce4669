package dev.millrace.io.internal;

import com.google.common.base.Preconditions;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where and how a text write puts its files: final files {@code DIR/NAMEPREFIX-SSSSS-of-NNNNNSUFFIX}
 * (shard numbers have at least five digits), temporary files in a hidden directory next to them
 * that is unique to this write.
 *
 * @param directory the absolute directory of the output files
 * @param namePrefix the file-name part of the prefix (may be empty when the prefix ends in '/')
 * @param suffix appended after the shard number, e.g. ".txt"
 * @param header a line written first in every file, or null
 * @param footer a line written last in every file, or null
 * @param numShards the fixed number of files, or 0 to let the runner's bundles decide
 * @param tempDirectory the absolute directory for temporary files
 */
public record WriteConfig(
    String directory,
    String namePrefix,
    String suffix,
    String header,
    String footer,
    int numShards,
    String tempDirectory)
    implements Serializable {

  public WriteConfig {
    Preconditions.checkNotNull(directory, "directory");
    Preconditions.checkNotNull(namePrefix, "namePrefix");
    Preconditions.checkNotNull(suffix, "suffix");
    Preconditions.checkArgument(numShards >= 0, "numShards must be >= 0, got %s", numShards);
  }

  /**
   * The configuration for the given output prefix (a path, possibly relative to the working
   * directory, possibly ending in '/' to write into a directory), with a fresh temp directory.
   */
  public static WriteConfig forPrefix(
      String prefix, String suffix, String header, String footer, int numShards) {
    int slash = prefix.lastIndexOf('/');
    String dirPart = prefix.substring(0, slash + 1);
    String namePart = prefix.substring(slash + 1);
    Path dir = Path.of(dirPart.isEmpty() ? "." : dirPart).toAbsolutePath().normalize();
    String temp = dir.resolve(".temp-" + (namePart.isEmpty() ? "output" : namePart) + "-"
        + UUID.randomUUID()).toString();
    return new WriteConfig(dir.toString(), namePart, suffix, header, footer, numShards, temp);
  }

  /** The final path of shard {@code index} of {@code total}. */
  public Path shardPath(int index, int total) {
    return Path.of(directory).resolve(shardName(index, total));
  }

  /** The final file name of shard {@code index} of {@code total}. */
  public String shardName(int index, int total) {
    return String.format("%s-%05d-of-%05d%s", namePrefix, index, total, suffix);
  }

  /** Matches the names of every file a write with this prefix and suffix produces, any count. */
  public Pattern shardNamePattern() {
    return Pattern.compile(
        Pattern.quote(namePrefix) + "-\\d{5,}-of-\\d{5,}" + Pattern.quote(suffix));
  }

  /** This configuration as the runner-neutral description runners with file sinks read. */
  public dev.millrace.internal.TextFileSinkSpec toSinkSpec() {
    return new dev.millrace.internal.TextFileSinkSpec(
        directory, namePrefix, suffix, header, footer, numShards, tempDirectory);
  }

  public Path tempDir() {
    return Path.of(tempDirectory);
  }

  /** A description of the output for messages: {@code /abs/dir/prefix-SSSSS-of-NNNNN.txt}. */
  public String describe() {
    return Path.of(directory).resolve(namePrefix + "-SSSSS-of-NNNNN" + suffix).toString();
  }
}
