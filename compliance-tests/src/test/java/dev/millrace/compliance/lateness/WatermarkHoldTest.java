package dev.millrace.compliance.lateness;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.PipelineResult;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.TimestampCombiner;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Watermark holds: a grouping holds its output watermark until its pane is emitted, so the pane
 * (whatever its timestamp combiner) is on time for a downstream grouping in the same windows,
 * even without allowed lateness.
 */
@Requires({Capability.TRIGGERS, Capability.TEST_STREAM, Capability.METRICS})
class WatermarkHoldTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** Sums each group under the key "all". */
  static final class SumToAll extends DoFn<KV<String, Iterable<Long>>, KV<String, Long>> {
    @Override
    public void processElement(ProcessContext c) {
      long sum = 0;
      for (long v : c.element().getValue()) {
        sum += v;
      }
      c.output(KV.of("all", sum));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TimestampCombiner.class)
  void aGroupingsOutputIsOnTimeDownstream(TimestampCombiner combiner) {
    PCollection<KV<String, Long>> sums = p.apply(stream()
            .addElements(at("a", 10, 10), at("b", 30, 30)).advanceWatermarkTo(t(60))
            .addElements(at("a", 1, 70)).advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .withTimestampCombiner(combiner))
        .apply("First", GroupByKey.create())
        .apply("Sum", ParDo.of(new SumToAll()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    PAssert.that(Panes.groupAndRender(sums)).containsInAnyOrder(
        "all=[10, 30] [0,60) ON_TIME 0 last", "all=[1] [60,120) ON_TIME 0 last");
    PipelineResult result = p.run();
    long dropped = result.metrics().queryMetrics(MetricsFilter.builder()
            .addNameFilter(MetricsFilter.MetricNameFilter.named("millrace", "droppedDueToLateness"))
            .build())
        .counterValue("droppedDueToLateness");
    assertThat(dropped).isZero();
  }
}
