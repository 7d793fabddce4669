package dev.millrace.compliance.scenario;

import dev.millrace.windowing.AccumulationMode;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.OnTimeBehavior;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.triggers.Trigger;
import java.time.Duration;

/**
 * One step of a scenario pipeline. Every step knows its JSON path (e.g. {@code $.steps[1]}) so
 * that errors found while building the pipeline can point at it.
 */
public sealed interface Step permits Step.WindowStep, Step.CombineStep, Step.RekeyStep {

  /** The JSON path of the step. */
  String path();

  /**
   * {@code {"window": {...}}}: sets the windowing strategy; each null component keeps the input's
   * current value.
   *
   * @param path the JSON path of the step
   * @param fn the new window function, or null to keep the windows
   * @param trigger the trigger, or null
   * @param accumulation the accumulation mode, or null
   * @param allowedLateness the allowed lateness, or null
   * @param timestampCombiner the timestamp combiner, or null
   * @param onTimeBehavior the on-time behaviour, or null
   * @param closingBehavior the closing behaviour, or null
   */
  record WindowStep(
      String path,
      WindowFn<?> fn,
      Trigger trigger,
      AccumulationMode accumulation,
      Duration allowedLateness,
      TimestampCombiner timestampCombiner,
      OnTimeBehavior onTimeBehavior,
      ClosingBehavior closingBehavior)
      implements Step {}

  /**
   * {@code {"combinePerKey": "sum"}}: a GroupByKey and a combine of each pane's values.
   *
   * @param path the JSON path of the step
   * @param kind the aggregation
   */
  record CombineStep(String path, CombineKind kind) implements Step {}

  /**
   * {@code {"rekey": "NAME"}}: replaces every key with {@code key}, keeping windows and panes.
   *
   * @param path the JSON path of the step
   * @param key the new key
   */
  record RekeyStep(String path, String key) implements Step {}
}
