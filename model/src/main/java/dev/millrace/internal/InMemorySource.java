package dev.millrace.internal;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderUtils;
import dev.millrace.options.PipelineOptions;
import dev.millrace.sources.BoundedReader;
import dev.millrace.sources.BoundedSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A bounded source over elements held in encoded form (so it is serialisable whatever the element
 * type), with optional per-element timestamps. Backs {@code Create}. Internal.
 */
public final class InMemorySource<T> extends BoundedSource<T> {
  private final List<byte[]> encoded;
  private final long[] timestamps;
  private final Coder<T> coder;
  private final long totalBytes;

  private InMemorySource(List<byte[]> encoded, long[] timestamps, Coder<T> coder) {
    this.encoded = encoded;
    this.timestamps = timestamps;
    this.coder = coder;
    this.totalBytes = encoded.stream().mapToLong(b -> b.length).sum();
  }

  /** A source of the given elements; timestamps may be null (then all are at the minimum). */
  public static <T> InMemorySource<T> of(List<T> elements, long[] timestamps, Coder<T> coder) {
    List<byte[]> bytes = new ArrayList<>(elements.size());
    for (T e : elements) {
      try {
        bytes.add(CoderUtils.encodeToByteArray(coder, e));
      } catch (IOException | RuntimeException ex) {
        throw new IllegalArgumentException(
            "Create: the element " + Truncate.toString(e) + " cannot be encoded with " + coder
                + " (" + ex.getMessage() + "). Give Create a suitable coder with .withCoder(...).",
            ex);
      }
    }
    return new InMemorySource<>(bytes, timestamps, coder);
  }

  public int size() {
    return encoded.size();
  }

  @Override
  public List<InMemorySource<T>> split(long desiredBundleSizeBytes, PipelineOptions options) {
    List<InMemorySource<T>> out = new ArrayList<>();
    int from = 0;
    long acc = 0;
    for (int i = 0; i < encoded.size(); i++) {
      acc += encoded.get(i).length;
      if (acc >= desiredBundleSizeBytes || i == encoded.size() - 1) {
        out.add(slice(from, i + 1));
        from = i + 1;
        acc = 0;
      }
    }
    if (out.isEmpty()) {
      out.add(this);
    }
    return out;
  }

  private InMemorySource<T> slice(int from, int to) {
    long[] ts = null;
    if (timestamps != null) {
      ts = java.util.Arrays.copyOfRange(timestamps, from, to);
    }
    return new InMemorySource<>(new ArrayList<>(encoded.subList(from, to)), ts, coder);
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    return totalBytes;
  }

  @Override
  public BoundedReader<T> createReader(PipelineOptions options) {
    return new BoundedReader<>() {
      private int index = -1;
      private T current;

      @Override
      public boolean start() {
        return advance();
      }

      @Override
      public boolean advance() {
        index++;
        if (index >= encoded.size()) {
          current = null;
          return false;
        }
        try {
          current = CoderUtils.decodeFromByteArray(coder, encoded.get(index));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return true;
      }

      @Override
      public T getCurrent() {
        if (index < 0 || index >= encoded.size()) {
          throw new NoSuchElementException();
        }
        return current;
      }

      @Override
      public long getCurrentTimestampMillis() {
        return timestamps == null ? dev.millrace.windowing.Timestamps.MIN : timestamps[index];
      }

      @Override
      public java.time.Instant getCurrentTimestamp() {
        return java.time.Instant.ofEpochMilli(getCurrentTimestampMillis());
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public Coder<T> getOutputCoder() {
    return coder;
  }

  @Override
  public String toString() {
    return "InMemory";
  }
}
