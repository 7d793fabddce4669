package dev.millrace.compliance.errors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.values.TypeDescriptors;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Repeatedly;
import dev.millrace.windowing.triggers.Trigger;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid pipelines are rejected while they are built (before any runner sees them), with a
 * message that says what is wrong and how to fix it.
 */
class InvalidPipelineTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final KvCoder<String, Long> KV_CODER =
      KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  private PCollection<KV<String, Long>> bounded() {
    return p.apply(Create.of(KV.of("k", 1L)).withCoder(KV_CODER));
  }

  @Test
  void groupingAnUnboundedCollectionInTheGlobalWindowWithTheDefaultTrigger() {
    PCollection<KV<String, Long>> in = p.apply(GenerateSequence.from(0))
        .apply(MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
            TypeDescriptors.longs())).via(x -> KV.of("k", x)));
    assertThatThrownBy(() -> in.apply("Group", GroupByKey.create()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Group")
        .hasMessageContaining("global window")
        .hasMessageContaining("Window.into(");
  }

  @Test
  void aTriggerOnNonGlobalWindowsNeedsAnAccumulationMode() {
    PCollection<KV<String, Long>> in = bounded();
    assertThatThrownBy(() -> in.apply(Window.<KV<String, Long>>into(
                FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".discardingFiredPanes()")
        .hasMessageContaining(".accumulatingFiredPanes()");
  }

  static Stream<Arguments> rejectedTriggers() {
    return Stream.of(
        Arguments.of("a count at the top level may finish",
            AfterPane.elementCountAtLeast(2), "Repeatedly.forever"),
        Arguments.of("AfterEach at the top level may finish",
            AfterEach.inOrder(AfterPane.elementCountAtLeast(1), AfterPane.elementCountAtLeast(2)),
            "Repeatedly.forever"),
        Arguments.of("orFinally at the top level may finish",
            Repeatedly.forever(AfterPane.elementCountAtLeast(1))
                .orFinally(AfterPane.elementCountAtLeast(3)),
            "Repeatedly.forever"),
        Arguments.of("early firings must fire at most once",
            AfterWatermark.pastEndOfWindow()
                .withEarlyFirings(Repeatedly.forever(AfterPane.elementCountAtLeast(1))),
            "at most once"),
        Arguments.of("late firings must fire at most once",
            AfterWatermark.pastEndOfWindow()
                .withLateFirings(Repeatedly.forever(AfterPane.elementCountAtLeast(1))),
            "at most once"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedTriggers")
  void groupingRejectsTriggers(String name, Trigger trigger, String fix) {
    PCollection<KV<String, Long>> in = bounded()
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(trigger).withAllowedLateness(Duration.ofMinutes(1))
            .discardingFiredPanes());
    assertThatThrownBy(() -> in.apply("Group", GroupByKey.create()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Group")
        .hasMessageContaining(fix);
  }

  @Test
  void combineGloballyWithDefaultsOnWindowedInputSaysToUseWithoutDefaults() {
    PCollection<Long> in = p.apply(Create.of(1L, 2L))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))));
    assertThatThrownBy(() -> in.apply(Combine.globally(Sum.ofLongs())))
        .hasMessageContaining("withoutDefaults()");
  }

  @Test
  void flatteningIncompatibleWindowsIsRejected() {
    PCollection<Long> minutes = p.apply("A", Create.of(1L))
        .apply("MinuteWindows", Window.into(FixedWindows.of(Duration.ofMinutes(1))));
    PCollection<Long> hours = p.apply("B", Create.of(2L))
        .apply("HourWindows", Window.into(FixedWindows.of(Duration.ofHours(1))));
    assertThatThrownBy(() -> PCollectionList.of(minutes).and(hours).apply(Flatten.pCollections()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void groupingANonKvCollectionSaysToSetAKvCoder() {
    PCollection<String> in = p.apply(Create.of("a"));
    @SuppressWarnings({"unchecked", "rawtypes"})
    PCollection<KV<String, Long>> raw = (PCollection) in;
    assertThatThrownBy(() -> raw.apply("Group", GroupByKey.create()))
        .hasMessageContaining("KvCoder");
  }

  @Test
  void duplicateStepNamesSayHowToRename() {
    p.apply("Same", Create.of(1L));
    assertThatThrownBy(() -> p.apply("Same", Create.of(2L)))
        .hasMessageContaining("Same")
        .hasMessageContaining("unique");
  }

  @Test
  void negativeAllowedLatenessIsRejected() {
    assertThatThrownBy(() -> Window.<Long>into(GlobalWindows.of())
            .withAllowedLateness(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void windowFunctionsRejectNonPositiveSizes() {
    assertThatThrownBy(() -> FixedWindows.of(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sessions.withGapDuration(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlidingWindows.of(Duration.ofMinutes(1)).every(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
