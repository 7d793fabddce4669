package dev.millrace.runners.direct;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.triggers.AfterPane;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invalid pipelines are rejected when they are built, with a message that says how to fix them. */
class ConstructionErrorsTest implements Serializable {
  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=direct").create());
  }

  private static PCollection<KV<String, Long>> unbounded(Pipeline p) {
    return p.apply(TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .addElements(KV.of("a", 1L)));
  }

  @Test
  void unboundedGlobalWindowWithTheDefaultTriggerCannotBeGrouped() {
    Pipeline p = pipeline();
    PCollection<KV<Long, Long>> input = p
        .apply(dev.millrace.transforms.GenerateSequence.from(0).withRate(10, Duration.ofSeconds(1)))
        .apply(dev.millrace.transforms.WithKeys.of(1L));
    assertThatThrownBy(() -> input.apply(GroupByKey.create()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GroupByKey")
        .hasMessageContaining("Window.into");
  }

  @Test
  void aTestStreamEndsSoItMayBeGroupedInTheGlobalWindow() {
    Pipeline p = pipeline();
    PCollection<KV<String, Iterable<Long>>> grouped = unbounded(p).apply(GroupByKey.create());
    String id = Collect.of(grouped);
    p.run().waitUntilFinish();
    org.assertj.core.api.Assertions.assertThat(Collect.<KV<String, Iterable<Long>>>results(id))
        .singleElement().satisfies(kv -> org.assertj.core.api.Assertions.assertThat(kv.getValue())
            .containsExactly(1L));
  }

  @Test
  void aTriggerThatCanFinishIsRejectedAtTopLevel() {
    Pipeline p = pipeline();
    PCollection<KV<String, Long>> windowed = unbounded(p).apply(
        Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(AfterPane.elementCountAtLeast(2))
            .discardingFiredPanes());
    assertThatThrownBy(() -> windowed.apply(GroupByKey.create()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Repeatedly.forever");
  }

  @Test
  void aTriggerNeedsAnAccumulationModeOnNonGlobalWindows() {
    Pipeline p = pipeline();
    PCollection<KV<String, Long>> input = unbounded(p);
    assertThatThrownBy(() -> input.apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(AfterPane.elementCountAtLeast(2))))
        .hasMessageContaining(".discardingFiredPanes() or .accumulatingFiredPanes()");
  }

  @Test
  void groupingKeysNeedADeterministicCoder() {
    Pipeline p = pipeline();
    PCollection<KV<Double, Long>> input = p.apply(Create.of(KV.of(1.5, 1L)));
    assertThatThrownBy(() -> input.apply(GroupByKey.create()))
        .hasMessageContaining("not deterministic")
        .hasMessageContaining("DoubleCoder");
  }

  @Test
  void duplicateStepNamesAreRejectedWithAFix() {
    Pipeline p = pipeline();
    p.apply("Numbers", Create.of(1L, 2L));
    assertThatThrownBy(() -> p.apply("Numbers", Create.of(3L)))
        .hasMessageContaining("Step name 'Numbers' is already used")
        .hasMessageContaining("unique name");
  }

  /** A DoFn holding something that cannot be shipped to workers. */
  static final class HoldsAThread extends DoFn<Long, Long> {
    private final Object lock = new Thread();

    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element());
    }
  }

  @Test
  void nonSerializableFunctionsAreRejectedNamingTheField() {
    Pipeline p = pipeline();
    PCollection<Long> input = p.apply(Create.of(1L));
    assertThatThrownBy(() -> input.apply("Hold", ParDo.of(new HoldsAThread())))
        .hasMessageContaining("step 'Hold'")
        .hasMessageContaining("lock")
        .hasMessageContaining("java.lang.Thread");
  }

  @Test
  void lambdaWithoutOutputTypeNeedsInto() {
    Pipeline p = pipeline();
    PCollection<String> input = p.apply(Create.of("a"));
    assertThatThrownBy(() -> input
            .apply(dev.millrace.transforms.MapElements.via((String s) -> List.of(s)))
            .apply("Next", dev.millrace.transforms.Filter.by(x -> true)))
        .hasMessageContaining("into(TypeDescriptors");
  }
}
