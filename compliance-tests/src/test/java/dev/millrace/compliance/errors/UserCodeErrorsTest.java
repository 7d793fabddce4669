package dev.millrace.compliance.errors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.PipelineExecutionException;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.CombineFn;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Filter;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.TimestampedValue;
import dev.millrace.values.TypeDescriptors;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.WindowFn;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user function's exception fails the pipeline with a {@link PipelineExecutionException} whose
 * message names the step and (where there is one) the element, and whose cause chain keeps the
 * original exception.
 */
class UserCodeErrorsTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** Fails on the element "boom-element". */
  static final class Explode extends DoFn<String, String> {
    @Override
    public void processElement(ProcessContext c) {
      if (c.element().equals("boom-element")) {
        throw new IllegalStateException("cannot handle this one");
      }
      c.output(c.element());
    }
  }

  /** Fails when the bundle finishes. */
  static final class FailAtFinish extends DoFn<String, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element());
    }

    @Override
    public void finishBundle(FinishBundleContext c) {
      throw new IllegalStateException("finishing failed");
    }
  }

  /** A sum that refuses the value 13. */
  static final class UnluckySum extends CombineFn<Integer, Integer, Integer> {
    @Override
    public Integer createAccumulator() {
      return 0;
    }

    @Override
    public Integer addInput(Integer acc, Integer input) {
      if (input == 13) {
        throw new IllegalArgumentException("thirteen is unlucky");
      }
      return acc + input;
    }

    @Override
    public Integer mergeAccumulators(Iterable<Integer> accs) {
      int sum = 0;
      for (int a : accs) {
        sum += a;
      }
      return sum;
    }

    @Override
    public Integer extractOutput(Integer acc) {
      return acc;
    }
  }

  /** Fixed ten-second windows that fail for the timestamp 13 s. */
  record FailingWindows() implements WindowFn<IntervalWindow> {
    @Override
    public Collection<IntervalWindow> assignWindows(long ts) {
      if (ts == 13_000) {
        throw new IllegalStateException("no window for 13 seconds");
      }
      long start = Math.floorDiv(ts, 10_000) * 10_000;
      return List.of(new IntervalWindow(start, start + 10_000));
    }

    @Override
    public StateCodec<IntervalWindow> windowCodec() {
      return StateCodecs.intervalWindows();
    }
  }

  /** Outputs each element one minute before its timestamp (no skew allowed). */
  static final class BackInTime extends DoFn<String, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.outputWithTimestamp(c.element(), c.timestamp().minus(Duration.ofMinutes(1)));
    }
  }

  @Test
  void aDoFnExceptionNamesTheStepAndTheElement() {
    p.apply(Create.of("fine", "boom-element", "ok")).apply("Explode", ParDo.of(new Explode()));
    assertThatThrownBy(p::run)
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("Explode")
        .hasMessageContaining("boom-element")
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("cannot handle this one");
  }

  @Test
  void aMapElementsLambdaExceptionNamesTheStepAndTheElement() {
    p.apply(Create.of("a", "bad-one"))
        .apply("Upper", MapElements.into(TypeDescriptors.strings()).via((String s) -> {
          if (s.startsWith("bad")) {
            throw new IllegalArgumentException("bad input " + s.length());
          }
          return s.toUpperCase();
        }));
    assertThatThrownBy(p::run)
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("Upper")
        .hasMessageContaining("bad-one")
        .hasRootCauseMessage("bad input 7");
  }

  @Test
  void aFilterPredicateExceptionNamesTheStepAndTheElement() {
    p.apply(Create.of("keep", "explode-me"))
        .apply("Keep", Filter.by((String s) -> {
          if (s.startsWith("explode")) {
            throw new IllegalStateException("predicate failed");
          }
          return true;
        }));
    assertThatThrownBy(p::run)
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("Keep")
        .hasMessageContaining("explode-me")
        .hasRootCauseMessage("predicate failed");
  }

  @Test
  void aFinishBundleExceptionNamesTheStep() {
    p.apply(Create.of("a")).apply("Finisher", ParDo.of(new FailAtFinish()));
    assertThatThrownBy(p::run)
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("Finisher")
        .hasRootCauseMessage("finishing failed");
  }

  @Requires(Capability.COMBINE)
  @Test
  void aCombineFnExceptionNamesTheStepAndTheElement() {
    p.apply(Create.of(KV.of("k", 1), KV.of("k", 13), KV.of("k", 2))
            .withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
        .apply("UnluckySum", Combine.perKey(new UnluckySum()));
    assertThatThrownBy(p::run)
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("UnluckySum")
        .hasMessageContaining("13")
        .hasRootCauseMessage("thirteen is unlucky");
  }

  @Requires(Capability.COMBINE)
  @Test
  void aGlobalCombineFnExceptionNamesTheStep() {
    p.apply(Create.of(1, 13, 2)).apply("UnluckyTotal", Combine.globally(new UnluckySum()));
    assertThatThrownBy(p::run)
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("UnluckyTotal")
        .hasRootCauseMessage("thirteen is unlucky");
  }

  @Test
  void aWindowFnExceptionNamesTheStepAndTheElement() {
    p.apply(Create.timestamped(
            TimestampedValue.of("early", Instant.ofEpochSecond(3)),
            TimestampedValue.of("unlucky-element", Instant.ofEpochSecond(13))))
        .apply("Windowing", Window.into(new FailingWindows()));
    assertThatThrownBy(p::run)
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("Windowing")
        .hasMessageContaining("unlucky-element")
        .hasRootCauseMessage("no window for 13 seconds");
  }

  @Test
  void outputtingBackInTimeBeyondTheAllowedSkewFailsAndSaysHowToAllowIt() {
    p.apply(Create.timestamped(TimestampedValue.of("x", Instant.ofEpochSecond(600))))
        .apply("BackInTime", ParDo.of(new BackInTime()));
    assertThatThrownBy(p::run)
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("BackInTime")
        .hasStackTraceContaining("getAllowedTimestampSkew");
  }
}
