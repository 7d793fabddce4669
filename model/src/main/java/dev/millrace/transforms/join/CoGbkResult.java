package dev.millrace.transforms.join;

import com.google.common.base.Preconditions;
import dev.millrace.values.TupleTag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values of one key from every input of a {@link CoGroupByKey}, retrieved by the tag each
 * input was given in the {@link KeyedPCollectionTuple}:
 *
 * <pre>{@code
 * Iterable<String> emails = result.getAll(emailsTag);
 * String phone = result.getOnly(phonesTag, "none");
 * }</pre>
 *
 * <p>The values of a tag come in no particular order. Two results are equal when they have the
 * same tags (by id) and, for every tag, the same values in any order. A result is immutable.
 */
public final class CoGbkResult {
  private final Map<String, List<Object>> valuesByTagId;

  private CoGbkResult(Map<String, List<Object>> valuesByTagId) {
    this.valuesByTagId = valuesByTagId;
  }

  /** Internal: a result over the tags (in input order) and their values. */
  static CoGbkResult fromLists(List<String> tagIds, List<List<Object>> values) {
    Map<String, List<Object>> map = new LinkedHashMap<>();
    for (int i = 0; i < tagIds.size(); i++) {
      map.put(tagIds.get(i), Collections.unmodifiableList(values.get(i)));
    }
    return new CoGbkResult(map);
  }

  /** A result without tags; add some with {@link #and}. Handy for expected values in tests. */
  public static CoGbkResult empty() {
    return new CoGbkResult(new LinkedHashMap<>());
  }

  /** A result with the given values under {@code tag}. */
  public static <V> CoGbkResult of(TupleTag<V> tag, List<V> values) {
    return empty().and(tag, values);
  }

  /** This result with the given values under {@code tag} as well. */
  public <V> CoGbkResult and(TupleTag<V> tag, List<V> values) {
    Preconditions.checkArgument(!valuesByTagId.containsKey(tag.getId()),
        "the tag '%s' is already in this result", tag.getId());
    Map<String, List<Object>> copy = new LinkedHashMap<>(valuesByTagId);
    copy.put(tag.getId(), Collections.unmodifiableList(new ArrayList<Object>(values)));
    return new CoGbkResult(copy);
  }

  /** Whether no input had a value for this key. */
  public boolean isEmpty() {
    return valuesByTagId.values().stream().allMatch(List::isEmpty);
  }

  /** The ids of the tags, in input order. */
  public List<String> getTagIds() {
    return List.copyOf(valuesByTagId.keySet());
  }

  /** Every value of the input tagged {@code tag}; empty when it had none for this key. */
  @SuppressWarnings("unchecked")
  public <V> Iterable<V> getAll(TupleTag<V> tag) {
    return (Iterable<V>) valuesOf(tag.getId());
  }

  /** Every value of the input whose tag has the given id. */
  @SuppressWarnings("unchecked")
  public <V> Iterable<V> getAll(String tagId) {
    return (Iterable<V>) valuesOf(tagId);
  }

  /**
   * The single value of the input tagged {@code tag}.
   *
   * @throws IllegalArgumentException when that input has no value or several for this key
   */
  @SuppressWarnings("unchecked")
  public <V> V getOnly(TupleTag<V> tag) {
    List<Object> values = valuesOf(tag.getId());
    if (values.size() != 1) {
      throw new IllegalArgumentException("getOnly(" + tag.getId() + ") expects exactly one value "
          + "for this key but there are " + values.size() + (values.isEmpty() ? ""
          : ": " + dev.millrace.internal.Truncate.toString(values))
          + ". Use getAll(tag), or getOnly(tag, defaultValue) when a value may be missing.");
    }
    return (V) values.get(0);
  }

  /**
   * The single value of the input tagged {@code tag}, or {@code defaultValue} when it has none.
   *
   * @throws IllegalArgumentException when that input has several values for this key
   */
  @SuppressWarnings("unchecked")
  public <V> V getOnly(TupleTag<V> tag, V defaultValue) {
    List<Object> values = valuesOf(tag.getId());
    if (values.isEmpty()) {
      return defaultValue;
    }
    return getOnly(tag);
  }

  private List<Object> valuesOf(String tagId) {
    List<Object> values = valuesByTagId.get(tagId);
    if (values == null) {
      throw new IllegalArgumentException("CoGbkResult has no tag '" + tagId + "'; its tags are "
          + valuesByTagId.keySet() + ". Use one of the tags given to KeyedPCollectionTuple.");
    }
    return values;
  }

  /** Internal: the values in tag order. */
  List<List<Object>> valueLists() {
    return new ArrayList<>(valuesByTagId.values());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CoGbkResult other)
        || !valuesByTagId.keySet().equals(other.valuesByTagId.keySet())) {
      return false;
    }
    for (Map.Entry<String, List<Object>> e : valuesByTagId.entrySet()) {
      if (!counts(e.getValue()).equals(counts(other.valuesByTagId.get(e.getKey())))) {
        return false;
      }
    }
    return true;
  }

  private static Map<Object, Integer> counts(List<Object> values) {
    Map<Object, Integer> counts = new HashMap<>();
    for (Object v : values) {
      counts.merge(v, 1, Integer::sum);
    }
    return counts;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, List<Object>> e : valuesByTagId.entrySet()) {
      h += Objects.hash(e.getKey(), counts(e.getValue()));
    }
    return h;
  }

  @Override
  public String toString() {
    return "CoGbkResult" + valuesByTagId;
  }
}
