package dev.millrace.sources;

import com.google.common.base.Preconditions;
import dev.millrace.transforms.SerializableFunction;
import java.time.Instant;

/**
 * Sources of consecutive {@code long}s, the sources behind {@code GenerateSequence}: a bounded one
 * over a range, and an unbounded one that may be rate-limited and may finish. Use them directly
 * with {@code Read.from(...)} when you need a source object; otherwise prefer {@code
 * GenerateSequence}.
 */
public final class CountingSource {
  private CountingSource() {}

  /**
   * A bounded source of {@code from, from + 1, ..., to - 1}, split into contiguous ranges.
   *
   * @param timestampFnOrNull the event timestamp of each value; {@code null} for the beginning
   *     of time
   * @throws IllegalArgumentException if {@code from < 0} or {@code to < from}
   */
  public static BoundedSource<Long> bounded(
      long from, long to, SerializableFunction<Long, Instant> timestampFnOrNull) {
    checkRange(from, to);
    return new BoundedCountingSource(from, to, timestampFnOrNull);
  }

  /**
   * An unbounded source of {@code from, from + 1, ...} as fast as it is read, with ingestion
   * (processing-time) timestamps; configure it further with {@link UnboundedCountingSource}'s
   * {@code with...} methods.
   *
   * @throws IllegalArgumentException if {@code from < 0}
   */
  public static UnboundedCountingSource unbounded(long from) {
    checkRange(from, Long.MAX_VALUE);
    return UnboundedCountingSource.startingAt(from);
  }

  static void checkRange(long from, long to) {
    Preconditions.checkArgument(
        from >= 0, "a counting sequence must start at a non-negative number, not %s", from);
    Preconditions.checkArgument(
        to >= from,
        "a counting sequence must end (exclusively) at or after its start: from=%s, to=%s",
        from,
        to);
  }
}
