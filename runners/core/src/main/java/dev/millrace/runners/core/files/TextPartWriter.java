package dev.millrace.runners.core.files;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one in-progress part file as UTF-8: the header line (if any) on open, then lines, each
 * followed by {@code \n}, and the footer line (if any) on {@link #finish}. Not thread-safe.
 */
public final class TextPartWriter {
  private final Path inProgress;
  private final Path target;
  private final String footer;
  private final FileOutputStream file;
  private final OutputStream out;
  private boolean closed;

  private TextPartWriter(Path inProgress, Path target, String footer, FileOutputStream file) {
    this.inProgress = inProgress;
    this.target = target;
    this.footer = footer;
    this.file = file;
    this.out = new BufferedOutputStream(file, 64 * 1024);
  }

  /** Creates (or truncates) {@code inProgress}, creating its directory, and writes the header. */
  public static TextPartWriter open(
      Path inProgress, Path target, String header, String footer)
      throws IOException {
    Files.createDirectories(inProgress.getParent());
    // A java.io stream, not an NIO channel: an interrupt of the writing thread (a cancelled run)
    // must not close the file under the other threads that append to it.
    TextPartWriter w =
        new TextPartWriter(inProgress, target, footer, new FileOutputStream(inProgress.toFile()));
    if (header != null) {
      w.writeLine(header);
    }
    return w;
  }

  /** Writes one line and its terminator. */
  public void writeLine(String line) throws IOException {
    out.write(line.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }

  /** Writes text that already consists of whole lines, each ending with {@code \n}. */
  public void writeLines(CharSequence lines) throws IOException {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(lines));
    out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
  }

  /**
   * Writes the footer and closes the file; with {@code durable}, forces it to disk first (needed
   * before a checkpoint that refers to it is committed).
   */
  public PendingPart finish(boolean durable) throws IOException {
    if (footer != null) {
      writeLine(footer);
    }
    out.flush();
    if (durable) {
      file.getFD().sync();
    }
    closed = true;
    out.close();
    return new PendingPart(inProgress, target);
  }

  /** Closes and deletes the in-progress file (its lines are dropped). */
  public void abort() throws IOException {
    if (!closed) {
      closed = true;
      try {
        out.close();
      } catch (IOException e) {
        // the file is deleted anyway
      }
    }
    Files.deleteIfExists(inProgress);
  }
}
