package dev.millrace.windowing.statemachine;

/** Which nodes of a trigger tree have finished in one window: bit i is the node of index i. */
final class FinishedBits {
  private long bits;

  FinishedBits(long bits) {
    this.bits = bits;
  }

  long bits() {
    return bits;
  }

  boolean isFinished(int index) {
    return (bits & (1L << index)) != 0;
  }

  void set(int index, boolean finished) {
    if (finished) {
      bits |= 1L << index;
    } else {
      bits &= ~(1L << index);
    }
  }

  /** Clears the bits of the nodes with indices in {@code [from, to)}. */
  void clearRange(int from, int to) {
    for (int i = from; i < to; i++) {
      set(i, false);
    }
  }
}
