package dev.millrace.transforms.join;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderException;
import dev.millrace.coders.StructuredCoder;
import dev.millrace.coders.VarIntCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Encodes a {@link RawUnionValue} as its input index followed by the value in that input's coder.
 * Internal to {@link CoGroupByKey}.
 */
final class UnionCoder extends StructuredCoder<RawUnionValue> {
  private static final long serialVersionUID = 1L;
  private final List<Coder<?>> elementCoders;

  UnionCoder(List<Coder<?>> elementCoders) {
    Preconditions.checkArgument(!elementCoders.isEmpty(), "a union needs at least one coder");
    this.elementCoders = List.copyOf(elementCoders);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void encode(RawUnionValue value, OutputStream out) throws IOException {
    int index = value.unionTag();
    if (index < 0 || index >= elementCoders.size()) {
      throw new CoderException("union tag " + index + " out of range for " + this);
    }
    VarIntCoder.of().encode(index, out);
    ((Coder<Object>) elementCoders.get(index)).encode(value.value(), out);
  }

  @Override
  public RawUnionValue decode(InputStream in) throws IOException {
    int index = VarIntCoder.of().decode(in);
    if (index < 0 || index >= elementCoders.size()) {
      throw new CoderException("union tag " + index + " out of range for " + this);
    }
    return new RawUnionValue(index, elementCoders.get(index).decode(in));
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return elementCoders;
  }

  @Override
  public void verifyDeterministic() throws dev.millrace.coders.NonDeterministicException {
    for (Coder<?> c : elementCoders) {
      c.verifyDeterministic();
    }
  }
}
