package dev.millrace.transforms.join;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderException;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.StructuredCoder;
import dev.millrace.coders.VarIntCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes a {@link CoGbkResult}: for every tag in input order, its id, the number of values and
 * the values in that input's coder. The output coder of {@link CoGroupByKey}.
 */
public final class CoGbkResultCoder extends StructuredCoder<CoGbkResult> {
  private static final long serialVersionUID = 1L;
  private final List<String> tagIds;
  private final List<Coder<?>> valueCoders;

  private CoGbkResultCoder(List<String> tagIds, List<Coder<?>> valueCoders) {
    Preconditions.checkArgument(tagIds.size() == valueCoders.size(),
        "%s tags but %s coders", tagIds.size(), valueCoders.size());
    this.tagIds = List.copyOf(tagIds);
    this.valueCoders = List.copyOf(valueCoders);
  }

  /** A coder for results with the given tags, whose values have the given coders. */
  public static CoGbkResultCoder of(List<String> tagIds, List<Coder<?>> valueCoders) {
    return new CoGbkResultCoder(tagIds, valueCoders);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void encode(CoGbkResult value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("Cannot encode a null CoGbkResult with " + this);
    }
    if (!value.getTagIds().equals(tagIds)) {
      throw new CoderException(this + " cannot encode a result with tags " + value.getTagIds());
    }
    List<List<Object>> lists = value.valueLists();
    for (int i = 0; i < tagIds.size(); i++) {
      StringUtf8Coder.of().encode(tagIds.get(i), out);
      VarIntCoder.of().encode(lists.get(i).size(), out);
      Coder<Object> coder = (Coder<Object>) valueCoders.get(i);
      for (Object v : lists.get(i)) {
        coder.encode(v, out);
      }
    }
  }

  @Override
  public CoGbkResult decode(InputStream in) throws IOException {
    List<List<Object>> lists = new ArrayList<>(tagIds.size());
    for (int i = 0; i < tagIds.size(); i++) {
      String id = StringUtf8Coder.of().decode(in);
      if (!id.equals(tagIds.get(i))) {
        throw new CoderException(this + " expected tag '" + tagIds.get(i) + "' but read '" + id + "'");
      }
      int size = VarIntCoder.of().decode(in);
      if (size < 0) {
        throw new CoderException("Malformed CoGbkResult: negative size " + size);
      }
      List<Object> values = new ArrayList<>(Math.min(size, 1 << 16));
      for (int j = 0; j < size; j++) {
        values.add(valueCoders.get(i).decode(in));
      }
      lists.add(values);
    }
    return CoGbkResult.fromLists(tagIds, lists);
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return valueCoders;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && ((CoGbkResultCoder) o).tagIds.equals(tagIds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), tagIds);
  }

  @Override
  public String toString() {
    return "CoGbkResultCoder(" + tagIds + ", " + valueCoders + ")";
  }
}
