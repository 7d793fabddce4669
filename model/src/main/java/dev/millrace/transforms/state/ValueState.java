package dev.millrace.transforms.state;

/**
 * A single value (read-modify-write). {@link #read()} is {@code null} until a value is written and
 * after {@link #clear()}.
 *
 * <pre>{@code
 * private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());
 * ...
 * ValueState<Long> n = c.state(count);
 * n.write(n.read() == null ? 1 : n.read() + 1);
 * }</pre>
 *
 * @param <T> the value type
 */
public interface ValueState<T> extends ReadableState<T>, State {
  /** Replaces the value; {@code value} must not be null (use {@link #clear()}). */
  void write(T value);

  @Override
  default ValueState<T> readLater() {
    return this;
  }
}
