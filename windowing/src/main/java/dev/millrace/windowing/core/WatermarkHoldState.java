package dev.millrace.windowing.core;

import dev.millrace.windowing.TimestampCombiner;
import java.util.OptionalLong;

/**
 * A watermark hold: a timestamp that holds the output watermark of the computation back while the
 * data it stands for is still buffered. Added timestamps are combined with the tag's
 * {@link TimestampCombiner} (EARLIEST keeps the minimum). A runner computes its output watermark
 * as at most the minimum over every hold cell of every key.
 */
public interface WatermarkHoldState extends State {
  /** Combines {@code timestampMillis} into the hold. */
  void add(long timestampMillis);

  /** The current hold, empty when the cell holds nothing. */
  OptionalLong read();

  /** How added timestamps are combined. */
  TimestampCombiner combiner();
}
