package dev.millrace.io.internal;

import dev.millrace.options.PipelineOptions;
import dev.millrace.sources.BoundedReader;
import dev.millrace.sources.BoundedSource;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;

/** Reads several sources one after the other, for a source that a runner did not split. */
final class ConcatReader extends BoundedReader<String> {
  private final List<? extends BoundedSource<String>> sources;
  private final PipelineOptions options;
  private int next;
  private BoundedReader<String> current;
  private boolean hasCurrent;

  ConcatReader(List<? extends BoundedSource<String>> sources, PipelineOptions options) {
    this.sources = sources;
    this.options = options;
  }

  @Override
  public boolean start() throws IOException {
    return openNextNonEmpty();
  }

  @Override
  public boolean advance() throws IOException {
    if (current == null) {
      return false;
    }
    if (current.advance()) {
      return true;
    }
    return openNextNonEmpty();
  }

  private boolean openNextNonEmpty() throws IOException {
    while (true) {
      if (current != null) {
        current.close();
        current = null;
      }
      hasCurrent = false;
      if (next >= sources.size()) {
        return false;
      }
      current = sources.get(next++).createReader(options);
      if (current.start()) {
        hasCurrent = true;
        return true;
      }
    }
  }

  @Override
  public String getCurrent() {
    if (!hasCurrent) {
      throw new NoSuchElementException("no current line");
    }
    return current.getCurrent();
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
    }
  }
}
