package dev.millrace.values;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** An immutable list of {@link TupleTag}s: the additional outputs of a multi-output ParDo. */
public final class TupleTagList implements Serializable {
  private final List<TupleTag<?>> tags;

  private TupleTagList(List<TupleTag<?>> tags) {
    this.tags = List.copyOf(tags);
  }

  /** An empty list. */
  public static TupleTagList empty() {
    return new TupleTagList(List.of());
  }

  /** A list of one tag. */
  public static TupleTagList of(TupleTag<?> tag) {
    return empty().and(tag);
  }

  /** A list of the given tags. */
  public static TupleTagList of(List<TupleTag<?>> tags) {
    return new TupleTagList(tags);
  }

  /** This list with one more tag. */
  public TupleTagList and(TupleTag<?> tag) {
    List<TupleTag<?>> copy = new ArrayList<>(tags);
    copy.add(tag);
    return new TupleTagList(copy);
  }

  public List<TupleTag<?>> getAll() {
    return tags;
  }

  @Override
  public String toString() {
    return tags.toString();
  }
}
