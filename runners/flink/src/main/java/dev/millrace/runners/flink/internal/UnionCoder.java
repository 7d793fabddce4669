package dev.millrace.runners.flink.internal;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Encodes a {@link Tagged} value: the index of its input, then the value with that input's coder.
 * Used to carry several side inputs of different types in one Flink stream.
 */
public final class UnionCoder extends Coder<UnionCoder.Tagged> {
  private static final long serialVersionUID = 1L;

  /** A value of the {@code index}-th input. */
  public record Tagged(int index, Object value) {}

  private final List<Coder<Object>> coders;

  public UnionCoder(List<Coder<Object>> coders) {
    Preconditions.checkArgument(!coders.isEmpty(), "a union needs at least one coder");
    this.coders = List.copyOf(coders);
  }

  @Override
  public void encode(Tagged value, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(value.index());
    data.flush();
    coders.get(value.index()).encode(value.value(), out);
  }

  @Override
  public Tagged decode(InputStream in) throws IOException {
    int index = new DataInputStream(in).readInt();
    return new Tagged(index, coders.get(index).decode(in));
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return coders;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnionCoder u && u.coders.equals(coders);
  }

  @Override
  public int hashCode() {
    return coders.hashCode();
  }
}
