package dev.millrace.io.internal;

import dev.millrace.io.Compression;
import dev.millrace.sources.BoundedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads the lines starting in a byte range of one file; see {@link TextRangeSource}. */
final class TextRangeReader extends BoundedReader<String> {
  private final Path file;
  private final Compression compression;
  private final long start;
  private final long end;
  private LineReader lines;
  private String current;

  TextRangeReader(Path file, Compression compression, long start, long end) {
    this.file = file;
    this.compression = compression;
    this.start = start;
    this.end = end;
  }

  @Override
  public boolean start() throws IOException {
    try {
      if (start == 0) {
        lines = new LineReader(open(0), 0);
      } else {
        // The line holding byte start-1 began in an earlier range: skip the rest of it.
        lines = new LineReader(open(start - 1), start - 1);
        lines.skipLine();
      }
    } catch (ZipException e) {
      throw new IOException("Cannot read " + file + " as gzip (" + e.getMessage() + "). If it is "
          + "not compressed, read it with .withCompression(Compression.UNCOMPRESSED).", e);
    }
    return advance();
  }

  private InputStream open(long offset) throws IOException {
    if (compression == Compression.GZIP) {
      return new GZIPInputStream(Files.newInputStream(file), 64 * 1024);
    }
    SeekableByteChannel channel = Files.newByteChannel(file);
    channel.position(offset);
    return Channels.newInputStream(channel);
  }

  @Override
  public boolean advance() throws IOException {
    current = null;
    if (lines.position() >= end) {
      return false;
    }
    try {
      current = lines.readLine();
    } catch (IOException e) {
      throw new IOException("Error reading " + file + " near byte " + lines.position() + ": "
          + e.getMessage(), e);
    }
    return current != null;
  }

  @Override
  public String getCurrent() {
    if (current == null) {
      throw new NoSuchElementException("no current line in " + file);
    }
    return current;
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      lines.close();
    }
  }
}
