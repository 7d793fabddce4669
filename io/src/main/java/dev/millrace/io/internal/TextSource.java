package dev.millrace.io.internal;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.io.Compression;
import dev.millrace.options.PipelineOptions;
import dev.millrace.sources.BoundedReader;
import dev.millrace.sources.BoundedSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of every file matching a pattern (see {@link FilePatterns}). Splits into one
 * {@link TextRangeSource} per byte range of each uncompressed file and one per compressed file.
 * The pattern is expanded when the pipeline is built ({@link #validate}) and again when it is
 * split, so files created in between are read too.
 */
public final class TextSource extends BoundedSource<String> {
  private static final long serialVersionUID = 1L;

  private final String filePattern;
  private final Compression compression;

  public TextSource(String filePattern, Compression compression) {
    this.filePattern = Preconditions.checkNotNull(filePattern, "filePattern");
    this.compression = Preconditions.checkNotNull(compression, "compression");
  }

  public String getFilePattern() {
    return filePattern;
  }

  @Override
  public void validate() {
    if (FilePatterns.match(filePattern).isEmpty()) {
      throw new IllegalArgumentException(FilePatterns.noMatchMessage(filePattern));
    }
  }

  private List<Path> files() {
    List<Path> files = FilePatterns.match(filePattern);
    if (files.isEmpty()) {
      throw new IllegalStateException(FilePatterns.noMatchMessage(filePattern)
          + " (the files matched when the pipeline was built but are gone now)");
    }
    return files;
  }

  @Override
  public List<TextRangeSource> split(long desiredBundleSizeBytes, PipelineOptions options)
      throws IOException {
    List<TextRangeSource> parts = new ArrayList<>();
    TextRangeSource firstEmpty = null;
    for (Path file : files()) {
      for (TextRangeSource part : TextRangeSource.forFile(file, compression, desiredBundleSizeBytes)) {
        if (part.getStart() == part.getEnd()) {
          firstEmpty = firstEmpty == null ? part : firstEmpty;
        } else {
          parts.add(part);
        }
      }
    }
    return parts.isEmpty() ? List.of(firstEmpty) : parts;
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) throws IOException {
    long total = 0;
    for (Path file : files()) {
      total += Files.size(file);
    }
    return total;
  }

  @Override
  public BoundedReader<String> createReader(PipelineOptions options) throws IOException {
    return new ConcatReader(split(Long.MAX_VALUE, options), options);
  }

  @Override
  public Coder<String> getOutputCoder() {
    return StringUtf8Coder.of();
  }

  @Override
  public String toString() {
    return "TextSource";
  }
}
