package dev.millrace.io.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one text file as UTF-8, each line followed by {@code \n}: an optional header line, the
 * lines, an optional footer line. Creates missing parent directories.
 */
public final class TextFileWriter implements AutoCloseable {
  private final Path path;
  private final BufferedWriter out;
  private boolean closed;

  private TextFileWriter(Path path, BufferedWriter out) {
    this.path = path;
    this.out = out;
  }

  /** Creates (or truncates) the file and writes the header, if any. */
  public static TextFileWriter open(Path path, String header) throws IOException {
    Files.createDirectories(path.getParent());
    BufferedWriter out = new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 64 * 1024);
    TextFileWriter w = new TextFileWriter(path, out);
    if (header != null) {
      w.write(header);
    }
    return w;
  }

  /** Writes a whole file: header, lines, footer. */
  public static void writeFile(Path path, String header, Iterable<String> lines, String footer)
      throws IOException {
    try (TextFileWriter w = open(path, header)) {
      for (String line : lines) {
        w.write(line);
      }
      w.finish(footer);
    }
  }

  public Path path() {
    return path;
  }

  /** Writes one line and its terminator. */
  public void write(String line) throws IOException {
    out.write(line);
    out.write('\n');
  }

  /** Writes the footer, if any, and closes the file. */
  public void finish(String footer) throws IOException {
    if (footer != null) {
      write(footer);
    }
    closed = true;
    out.close();
  }

  /** Closes the file if still open (after a failure) and deletes it. */
  public void abort() {
    try {
      close();
    } catch (IOException ignored) {
      // best effort: the temp directory is deleted on finalization anyway
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // best effort
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.close();
    }
  }
}
