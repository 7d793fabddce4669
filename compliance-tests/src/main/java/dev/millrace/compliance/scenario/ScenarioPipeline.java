package dev.millrace.compliance.scenario;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VoidCoder;
import dev.millrace.options.PipelineOptions;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.AccumulationMode;
import dev.millrace.windowing.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and runs the pipeline of a {@link Scenario}: a {@link TestStream} of
 * {@code KV<String, ScenarioValue>} replaying the input, the steps in order, and a {@link CaptureFn}
 * that records every output pane. Construction problems the format calls unsupported (a combine
 * that does not fit the values, a trigger a grouping rejects) become {@link ScenarioException}s
 * of kind UNSUPPORTED naming the step's JSON path.
 */
public final class ScenarioPipeline {
  /** How long one scenario may run before it is cancelled and reported as failed. */
  static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final KvCoder<String, ScenarioValue> KV_CODER =
      KvCoder.of(StringUtf8Coder.of(), ScenarioValueCoder.of());

  private ScenarioPipeline() {}

  /**
   * Builds the scenario's pipeline with {@code options} and runs it to completion.
   *
   * @return every captured output pane, in no particular order
   * @throws ScenarioException if the scenario cannot be built (unsupported)
   * @throws RuntimeException if the pipeline fails or times out
   */
  public static List<ActualPane> run(Scenario scenario, PipelineOptions options) {
    String runId = CaptureRegistry.open();
    try {
      Pipeline p = Pipeline.create(options);
      build(scenario, p, runId);
      PipelineResult result = p.run();
      PipelineResult.State state = result.waitUntilFinish(TIMEOUT);
      if (state == null || !state.isTerminal()) {
        result.cancel();
        throw new IllegalStateException("the pipeline did not finish within " + TIMEOUT
            + " (state " + state + "); it was cancelled");
      }
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended in state " + state);
      }
      return CaptureRegistry.close(runId);
    } finally {
      CaptureRegistry.close(runId);
    }
  }

  /** Adds the scenario's transforms to {@code p}, capturing under {@code runId}. */
  static void build(Scenario scenario, Pipeline p, String runId) {
    ValueKind kind = scenario.inputKind();
    PCollection<KV<String, ScenarioValue>> pc = p.apply("Input", testStream(scenario, kind));
    List<Step> steps = scenario.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String name = "Step" + i;
      if (step instanceof Step.WindowStep w) {
        pc = applyWindow(pc, w, name);
      } else if (step instanceof Step.CombineStep c) {
        ValueKind out = c.kind().outputKind(kind);
        if (out == null) {
          throw ScenarioException.unsupported(JsonNodes.field(c.path(), "combinePerKey"),
              unsupportedCombine(c.kind(), kind));
        }
        pc = applyCombine(pc, c, kind, name);
        kind = out;
      } else if (step instanceof Step.RekeyStep r) {
        pc = pc.apply(name + "-Rekey", ParDo.of(new RekeyFn(r.key())));
        pc.setCoder(KV_CODER);
      }
    }
    pc.apply("Capture", ParDo.of(new CaptureFn(runId))).setCoder(VoidCoder.of());
  }

  private static String unsupportedCombine(CombineKind combine, ValueKind in) {
    if (in == ValueKind.LIST) {
      return "after a \"list\" combine only \"count\" is supported, not \"" + combine.jsonName()
          + "\"";
    }
    return "\"" + combine.jsonName() + "\" of " + in.name().toLowerCase() + " values is not"
        + " supported (strings support count, min, max and list)";
  }

  static TestStream<KV<String, ScenarioValue>> testStream(Scenario scenario, ValueKind kind) {
    TestStream<KV<String, ScenarioValue>> ts = TestStream.create(KV_CODER)
        .withStartProcessingTime(Instant.ofEpochMilli(scenario.startProcessingTime()));
    for (InputEvent e : scenario.input()) {
      if (e instanceof InputEvent.Add add && !add.elements().isEmpty()) {
        List<TimestampedValue<KV<String, ScenarioValue>>> values = new ArrayList<>();
        for (InputEvent.Element el : add.elements()) {
          values.add(TimestampedValue.of(KV.of(el.key(), convert(el.value(), kind)),
              Instant.ofEpochMilli(el.timestamp())));
        }
        ts = ts.addElements(values);
      } else if (e instanceof InputEvent.Watermark w) {
        ts = ts.advanceWatermarkTo(Instant.ofEpochMilli(w.millis()));
      } else if (e instanceof InputEvent.AdvanceProcessingTime a) {
        ts = ts.advanceProcessingTime(Duration.ofMillis(a.millis()));
      }
    }
    boolean ended = !scenario.input().isEmpty()
        && scenario.input().get(scenario.input().size() - 1) instanceof InputEvent.Watermark w
        && w.millis() == Timestamps.MAX;
    return ended ? ts : ts.advanceWatermarkToInfinity();
  }

  private static ScenarioValue convert(ScenarioValue v, ValueKind kind) {
    if (kind == ValueKind.DOUBLE && v instanceof ScenarioValue.IntegerValue i) {
      return ScenarioValue.of((double) i.value());
    }
    return v;
  }

  private static PCollection<KV<String, ScenarioValue>> applyWindow(
      PCollection<KV<String, ScenarioValue>> pc, Step.WindowStep w, String name) {
    Window<KV<String, ScenarioValue>> window =
        w.fn() != null ? Window.into(w.fn()) : Window.configure();
    if (w.trigger() != null) {
      window = window.triggering(w.trigger());
    }
    AccumulationMode mode = w.accumulation();
    if (mode == null && w.trigger() != null) {
      // The format keeps the current mode when the field is absent; say so explicitly.
      mode = pc.getWindowingStrategy().accumulationMode();
    }
    if (mode != null) {
      window = mode == AccumulationMode.ACCUMULATING_FIRED_PANES
          ? window.accumulatingFiredPanes()
          : window.discardingFiredPanes();
    }
    if (w.allowedLateness() != null) {
      window = window.withAllowedLateness(w.allowedLateness());
    }
    if (w.timestampCombiner() != null) {
      window = window.withTimestampCombiner(w.timestampCombiner());
    }
    if (w.onTimeBehavior() != null) {
      window = window.withOnTimeBehavior(w.onTimeBehavior());
    }
    if (w.closingBehavior() != null) {
      window = window.withClosingBehavior(w.closingBehavior());
    }
    try {
      return pc.apply(name + "-Window", window);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ScenarioException(ScenarioException.Kind.UNSUPPORTED,
          JsonNodes.field(w.path(), "window"), e.getMessage(), e);
    }
  }

  private static PCollection<KV<String, ScenarioValue>> applyCombine(
      PCollection<KV<String, ScenarioValue>> pc, Step.CombineStep c, ValueKind kind, String name) {
    try {
      PCollection<KV<String, ScenarioValue>> out = pc.apply(
          name + "-CombinePerKey-" + c.kind().jsonName(),
          Combine.<String, ScenarioValue, ScenarioValue>perKey(
              new ScenarioCombineFn(c.kind(), kind)));
      out.setCoder(KV_CODER);
      return out;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ScenarioException(ScenarioException.Kind.UNSUPPORTED, c.path(),
          "the grouping rejects its windowing strategy: " + e.getMessage(), e);
    }
  }

  /** Replaces every key with a constant. */
  private static final class RekeyFn extends DoFn<KV<String, ScenarioValue>, KV<String, ScenarioValue>> {
    private static final long serialVersionUID = 1L;
    private final String key;

    RekeyFn(String key) {
      this.key = key;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(key, c.element().getValue()));
    }
  }
}
