package dev.millrace.values;

import dev.millrace.Pipeline;
import dev.millrace.windowing.WindowingStrategy;
import java.util.Map;

/**
 * A read-only view of a {@link PCollection} that a {@code ParDo} can read as a side input, created
 * with {@code View.asSingleton()}, {@code asIterable()}, {@code asList()}, {@code asMap()} or
 * {@code asMultimap()}. For each main-input window the runner maps the window through the viewed
 * collection's window function and gives the DoFn the view of the matching side-input window,
 * once that window of the side input is complete.
 *
 * @param <T> the type of the value the view gives
 */
public final class PCollectionView<T> implements PValue, java.io.Serializable {
  private final transient PCollection<?> collection;
  private final WindowingStrategy windowingStrategy;
  private final ViewFn<T> viewFn;
  private final String kind;
  private final TupleTag<T> tag = new TupleTag<>();

  private PCollectionView(PCollection<?> collection, ViewFn<T> viewFn, String kind) {
    this.collection = collection;
    this.windowingStrategy = collection.getWindowingStrategy();
    this.viewFn = viewFn;
    this.kind = kind;
  }

  /** Internal: creates a view of the collection; {@code kind} names it in messages. */
  public static <T> PCollectionView<T> of(PCollection<?> collection, ViewFn<T> viewFn, String kind) {
    return new PCollectionView<>(collection, viewFn, kind);
  }

  /**
   * The viewed collection; null in a copy that was shipped to a worker (views travel inside DoFns
   * that read them, and are identified by their {@link #getTag() tag}).
   */
  public PCollection<?> getPCollection() {
    return collection;
  }

  public ViewFn<T> getViewFn() {
    return viewFn;
  }

  public WindowingStrategy getWindowingStrategy() {
    return windowingStrategy;
  }

  /** A tag unique to this view, for runners' bookkeeping. */
  public TupleTag<T> getTag() {
    return tag;
  }

  @Override
  public String getName() {
    return kind + "(" + (collection == null ? tag.getId() : collection.getName()) + ")";
  }

  @Override
  public Pipeline getPipeline() {
    return collection == null ? null : collection.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(tag, this);
  }

  /** Views are equal when they have the same tag, also across serialisation. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PCollectionView<?> v && v.tag.equals(tag);
  }

  @Override
  public int hashCode() {
    return tag.hashCode();
  }

  @Override
  public String toString() {
    return "PCollectionView[" + getName() + "]";
  }
}
