package dev.millrace.sources;

import dev.millrace.coders.Coder;
import dev.millrace.options.PipelineOptions;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * A finite source of elements that a runner can split into bundles and read in parallel, e.g. a
 * set of files split by byte ranges. Applied with {@code Read.from(source)}.
 *
 * <p>A source is serialisable: runners ship splits to workers, create a {@link BoundedReader} for
 * each and read it to the end.
 *
 * @param <T> the element type
 */
public abstract class BoundedSource<T> implements Serializable {
  /**
   * Splits this source into sources of about {@code desiredBundleSizeBytes} each, which together
   * read exactly the elements of this source. Returning a list holding just {@code this} is
   * allowed.
   */
  public abstract List<? extends BoundedSource<T>> split(
      long desiredBundleSizeBytes, PipelineOptions options) throws Exception;

  /** An estimate of the source's size in bytes, used to choose bundle sizes; 0 when unknown. */
  public abstract long getEstimatedSizeBytes(PipelineOptions options) throws Exception;

  /** Opens a reader over this source's elements. */
  public abstract BoundedReader<T> createReader(PipelineOptions options) throws IOException;

  /** The coder of the elements. */
  public abstract Coder<T> getOutputCoder();

  /**
   * Checks the source's configuration before the pipeline runs; throw an exception that says
   * what is wrong (e.g. "no file matches the pattern ...").
   */
  public void validate() {}

  /** A short description for step names and messages. */
  @Override
  public String toString() {
    return getClass().getSimpleName();
  }
}
