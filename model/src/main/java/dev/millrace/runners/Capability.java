package dev.millrace.runners;

import java.util.Locale;

/**
 * A part of the Millrace model that a runner may or may not implement. Each runner declares the
 * capabilities it supports through {@link PipelineRunnerRegistrar#capabilities()}; the compliance
 * suite runs a test on a runner only if the runner declares every capability the test requires, and
 * reports the test as unsupported (never as passed) otherwise. A runner that declares a capability
 * must pass every compliance test that requires it.
 *
 * <p>Each constant has a stable, lower-case {@link #id()} such as {@code side-inputs}, used in test
 * reports and in the capability matrix.
 */
public enum Capability {
  /** Create, ParDo, GroupByKey, Flatten, coders, non-merging windows with the default trigger. */
  CORE("the primitives (Create, ParDo, GroupByKey, Flatten) and composites on bounded input"),
  /** Combine globally and per key, with combiner lifting. */
  COMBINE("Combine.globally / perKey / groupedValues and the combining composites"),
  /** Side inputs in the global window (View.asSingleton/asIterable/asList/asMap/asMultimap). */
  SIDE_INPUTS("side inputs in the global window"),
  /** Side inputs whose window is mapped from the main input's window. */
  WINDOWED_SIDE_INPUTS("side inputs read per main-input window"),
  /** Additional outputs of a ParDo through TupleTags. */
  MULTIPLE_OUTPUTS("ParDo with additional outputs (TupleTags)"),
  /** Merging window functions such as sessions. */
  MERGING_WINDOWS("merging window functions (sessions, custom merging)"),
  /** Triggers other than the default, panes, accumulation modes and allowed lateness. */
  TRIGGERS("non-default triggers, panes, accumulation and lateness"),
  /** Processing-time triggers and timers driven by a (controllable) processing-time clock. */
  PROCESSING_TIME("processing-time triggers and timers"),
  /** Replay of a scripted TestStream of elements, watermark and processing-time advances. */
  TEST_STREAM("TestStream replay"),
  /** Per-key-and-window state in a DoFn. */
  STATE("stateful DoFns"),
  /** Event-time and processing-time timers in a DoFn. */
  TIMERS("timers in DoFns"),
  /** Dynamically tagged timer families. */
  TIMER_FAMILIES("timer families"),
  /** Counters, distributions and gauges queried from the pipeline result. */
  METRICS("metrics (counters, distributions, gauges)"),
  /** Unbounded sources and pipelines that run until the watermark reaches the end of time. */
  UNBOUNDED("unbounded PCollections"),
  /** Inputs too large for naive in-memory handling (e.g. a single key with a million values). */
  LARGE_INPUT("large inputs (a million values per key)");

  private final String description;

  Capability(String description) {
    this.description = description;
  }

  /** The stable, lower-case, hyphenated name, e.g. {@code windowed-side-inputs}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A short human-readable description. */
  public String description() {
    return description;
  }

  /**
   * The capability with the given {@link #id()} (or constant name, in any case).
   *
   * @throws IllegalArgumentException naming the known ids if there is none
   */
  public static Capability fromId(String id) {
    String normalized = id.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Capability c : values()) {
      if (c.name().equals(normalized)) {
        return c;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Capability c : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(c.id());
    }
    throw new IllegalArgumentException(
        "Unknown capability '" + id + "'. Known capabilities: " + known + ".");
  }
}
