package dev.millrace.compliance.differential;

import java.io.Serializable;

/**
 * One step of a generated pipeline over {@code KV<String, Long>} elements. Each step has the same
 * meaning in {@link PipelineBuilder} (built with the model API) and in {@link ReferenceEvaluator}.
 */
sealed interface Step extends Serializable {
  /** Values become {@code (value * mul + add) mod 1000}. */
  record MapValues(long mul, long add) implements Step {}

  /** Keys become {@code key + (value mod buckets)}. */
  record RekeyByValue(int buckets) implements Step {}

  /** Keeps elements whose {@code value mod mod != rem}. */
  record FilterValues(int mod, int rem) implements Step {}

  /** Each element becomes {@code copies} elements with values {@code value, value+1, ...}. */
  record FlatMapCopies(int copies) implements Step {}

  /** Moves each element's timestamp forward by {@code deltaMillis}; windows are kept. */
  record ShiftTimestamps(long deltaMillis) implements Step {}

  /** Flattens the collection with a copy of itself whose values get {@code add} (mod 1000). */
  record FlattenWithBranch(long add) implements Step {}

  /** Window.into fixed windows. */
  record FixedWindowsInto(long sizeMillis) implements Step {}

  /** Window.into sliding windows. */
  record SlidingWindowsInto(long sizeMillis, long periodMillis) implements Step {}

  /** Window.into sessions. */
  record SessionsInto(long gapMillis) implements Step {}

  /** GroupByKey, then {@code (sum + 1000 * count) mod 100000} of each group's values. */
  record GroupByKeySumAndCount() implements Step {}

  /** Combine.perKey(Sum.ofLongs()). */
  record CombineSum() implements Step {}

  /** Count.perKey(). */
  record CountPerKey() implements Step {}

  /**
   * Adds a side input computed from the pipeline's source to every value (mod 1000): the sum of
   * all source values (a singleton view), or the number of source elements (a list view).
   */
  record AddSideInput(boolean sumView) implements Step {}
}
