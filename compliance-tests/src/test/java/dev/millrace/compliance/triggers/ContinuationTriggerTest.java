package dev.millrace.compliance.triggers;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.triggers.AfterAll;
import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterFirst;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterSynchronizedProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.DefaultTrigger;
import dev.millrace.windowing.triggers.Never;
import dev.millrace.windowing.triggers.OrFinally;
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
 * A GroupByKey downstream of another gets the continuation of the upstream trigger (Beam's
 * continuation triggers): it fires as soon as the upstream panes arrive.
 */
@Requires(Capability.TRIGGERS)
class ContinuationTriggerTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final AfterProcessingTime DELAY =
      AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.ofMinutes(1));

  static Stream<Arguments> continuations() {
    AfterPane one = AfterPane.elementCountAtLeast(1);
    AfterSynchronizedProcessingTime sync = new AfterSynchronizedProcessingTime();
    return Stream.of(
        Arguments.of("default", DefaultTrigger.of(), DefaultTrigger.of()),
        Arguments.of("count", Repeatedly.forever(AfterPane.elementCountAtLeast(5)),
            Repeatedly.forever(one)),
        Arguments.of("watermark", AfterWatermark.pastEndOfWindow(),
            AfterWatermark.pastEndOfWindow()),
        Arguments.of("watermark early and late",
            AfterWatermark.pastEndOfWindow().withEarlyFirings(AfterPane.elementCountAtLeast(3))
                .withLateFirings(AfterPane.elementCountAtLeast(2)),
            AfterWatermark.pastEndOfWindow().withEarlyFirings(one).withLateFirings(one)),
        Arguments.of("processing time", Repeatedly.forever(DELAY), Repeatedly.forever(sync)),
        Arguments.of("never", Never.ever(), Never.ever()),
        Arguments.of("after first",
            Repeatedly.forever(AfterFirst.of(AfterPane.elementCountAtLeast(3), DELAY)),
            Repeatedly.forever(AfterFirst.of(one, sync))),
        Arguments.of("after all",
            Repeatedly.forever(AfterAll.of(AfterPane.elementCountAtLeast(3), DELAY)),
            Repeatedly.forever(AfterAll.of(one, sync))),
        Arguments.of("after each",
            Repeatedly.forever(AfterEach.inOrder(AfterPane.elementCountAtLeast(2), DELAY)),
            Repeatedly.forever(Repeatedly.forever(AfterFirst.of(one, sync)))),
        Arguments.of("or finally",
            Repeatedly.forever(Repeatedly.forever(AfterPane.elementCountAtLeast(2))
                .orFinally(AfterPane.elementCountAtLeast(9))),
            Repeatedly.forever(Repeatedly.forever(new OrFinally(Repeatedly.forever(one), one)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("continuations")
  void aGroupingOutputCarriesTheContinuationTrigger(String name, Trigger t, Trigger expected) {
    PCollection<KV<String, Long>> in = p.apply(Create.of(KV.of("k", 1L))
            .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(t).discardingFiredPanes());
    PCollection<KV<String, Iterable<Long>>> grouped = in.apply(GroupByKey.create());
    assertThat(grouped.getWindowingStrategy().trigger()).isEqualTo(expected);
    assertThat(grouped.getWindowingStrategy().windowFn())
        .isEqualTo(in.getWindowingStrategy().windowFn());
  }

  /** Sums each non-empty pane under the single key "all". */
  static final class SumUnderOneKey extends DoFn<KV<String, Iterable<Long>>, KV<String, Long>> {
    @Override
    public void processElement(ProcessContext c) {
      long sum = 0;
      boolean any = false;
      for (long v : c.element().getValue()) {
        sum += v;
        any = true;
      }
      if (any) {
        c.output(KV.of("all", sum));
      }
    }
  }

  @Requires({Capability.TRIGGERS, Capability.TEST_STREAM})
  @Test
  void aSecondGroupingFiresOnEachUpstreamPane() {
    PCollection<KV<String, Long>> sums = p.apply(stream()
            .addElements(at("a", 1, 1)).addElements(at("a", 2, 2))
            .addElements(at("a", 3, 3)).addElements(at("a", 4, 4))
            .advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(GlobalWindows.of())
            .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(2)))
            .discardingFiredPanes())
        .apply("First", GroupByKey.create())
        .apply("Sum", ParDo.of(new SumUnderOneKey()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    PAssert.that(Panes.groupAndRender(sums)).containsInAnyOrder(
        "all=[3] GW EARLY 0", "all=[7] GW EARLY 1", "all=[] GW ON_TIME 2 last");
    p.run();
  }
}
