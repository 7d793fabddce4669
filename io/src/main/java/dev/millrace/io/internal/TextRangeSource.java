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
 * The lines of one file whose first byte lies in the byte range {@code [start, end)}. A line that
 * crosses {@code end} belongs to this range; a line that starts before {@code start} does not.
 * So adjacent ranges that cover a file read each of its lines exactly once.
 *
 * <p>Compressed files are never split: their range is the whole file ({@code [0, MAX_VALUE)}).
 */
public final class TextRangeSource extends BoundedSource<String> {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final Compression compression;
  private final long start;
  private final long end;

  /**
   * The range {@code [start, end)} of the file; {@code compression} must be resolved (not AUTO).
   */
  public TextRangeSource(String file, Compression compression, long start, long end) {
    Preconditions.checkArgument(compression != Compression.AUTO, "resolve AUTO first");
    Preconditions.checkArgument(0 <= start && start <= end, "bad range [%s, %s)", start, end);
    Preconditions.checkArgument(
        compression == Compression.UNCOMPRESSED || (start == 0 && end == Long.MAX_VALUE),
        "a compressed file cannot be read by byte range");
    this.file = file;
    this.compression = compression;
    this.start = start;
    this.end = end;
  }

  /** The ranges of about {@code desiredBytes} each that cover the whole file. */
  public static List<TextRangeSource> forFile(Path file, Compression compression, long desiredBytes)
      throws IOException {
    Compression c = compression.resolve(file.getFileName().toString());
    if (c != Compression.UNCOMPRESSED) {
      return List.of(new TextRangeSource(file.toString(), c, 0, Long.MAX_VALUE));
    }
    return new TextRangeSource(file.toString(), c, 0, Files.size(file)).splitRange(desiredBytes);
  }

  public String getFile() {
    return file;
  }

  public long getStart() {
    return start;
  }

  public long getEnd() {
    return end;
  }

  @Override
  public List<TextRangeSource> split(long desiredBundleSizeBytes, PipelineOptions options) {
    return splitRange(desiredBundleSizeBytes);
  }

  private List<TextRangeSource> splitRange(long desiredBytes) {
    long size = Math.max(1, desiredBytes);
    if (compression != Compression.UNCOMPRESSED || end - start <= size) {
      return List.of(this);
    }
    List<TextRangeSource> parts = new ArrayList<>();
    for (long from = start; from < end; from += size) {
      parts.add(new TextRangeSource(file, compression, from, Math.min(end, from + size)));
    }
    return parts;
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) throws IOException {
    return end == Long.MAX_VALUE ? Files.size(Path.of(file)) : end - start;
  }

  @Override
  public BoundedReader<String> createReader(PipelineOptions options) {
    return new TextRangeReader(Path.of(file), compression, start, end);
  }

  @Override
  public Coder<String> getOutputCoder() {
    return StringUtf8Coder.of();
  }

  @Override
  public String toString() {
    return end == Long.MAX_VALUE
        ? "TextSource(" + file + ")"
        : "TextSource(" + file + " bytes " + start + "-" + end + ")";
  }
}
