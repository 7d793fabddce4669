package dev.millrace.compliance.state;

import dev.millrace.transforms.CombineFn;
import dev.millrace.transforms.state.ValueState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Shared helpers of the state and timer compliance tests. Assertions are order-insensitive
 * (PAssert), so tests that check an order number each output with a per-key-and-window sequence
 * kept in a {@link ValueState}: {@code "0 a@10", "1 b@20"} fails if the runner fires b first.
 */
final class StateTesting {
  private StateTesting() {}

  /** The next number of the sequence kept in {@code seq} (0 first), advancing it. */
  static long next(ValueState<Long> seq) {
    Long current = seq.read();
    long n = current == null ? 0 : current;
    seq.write(n + 1);
    return n;
  }

  /** The values, sorted, rendered as a list, e.g. {@code [1, 2]}. */
  static <T extends Comparable<T>> String sorted(Iterable<T> values) {
    List<T> list = new ArrayList<>();
    values.forEach(list::add);
    Collections.sort(list);
    return list.toString();
  }

  /** A sum of longs whose accumulator is the running sum. */
  static final class SumLongs extends CombineFn<Long, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long addInput(Long acc, Long input) {
      return acc + input;
    }

    @Override
    public Long mergeAccumulators(Iterable<Long> accs) {
      long sum = 0;
      for (long a : accs) {
        sum += a;
      }
      return sum;
    }

    @Override
    public Long extractOutput(Long acc) {
      return acc;
    }
  }
}
