package dev.millrace.runners.microbatch;

import dev.millrace.windowing.WindowedValue;

/**
 * A {@link Receiver} that also takes an element as a value plus another element's metadata
 * (timestamp, windows, pane), so values flow through fused steps without a new
 * {@link WindowedValue} per step when only the value changes.
 */
interface ValueReceiver extends Receiver {
  /** Accepts {@code value} with the timestamp, windows and pane of {@code metadata}. */
  void acceptValue(Object value, WindowedValue<?> metadata);

  /** The receiver itself when it takes values, else an adapter that wraps each value. */
  static ValueReceiver of(Receiver r) {
    if (r instanceof ValueReceiver v) {
      return v;
    }
    return new ValueReceiver() {
      @Override
      public void accept(WindowedValue<?> value) {
        r.accept(value);
      }

      @Override
      public void acceptValue(Object value, WindowedValue<?> metadata) {
        r.accept(metadata.withValue(value));
      }
    };
  }

  /** A receiver that takes values by handing them to {@code onValue}. */
  static ValueReceiver of(Receiver onElement, Values onValue) {
    return new ValueReceiver() {
      @Override
      public void accept(WindowedValue<?> value) {
        onElement.accept(value);
      }

      @Override
      public void acceptValue(Object value, WindowedValue<?> metadata) {
        onValue.accept(value, metadata);
      }
    };
  }

  /** The value form of a receiver, as a lambda. */
  @FunctionalInterface
  interface Values {
    void accept(Object value, WindowedValue<?> metadata);
  }
}
