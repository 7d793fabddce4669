package dev.millrace.runners.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.metrics.Metrics;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The PipelineResult of the direct runner: states, bounded waits, cancellation, gauges. */
class PipelineResultTest implements java.io.Serializable {

  /** Takes a while per element, so the pipeline is still running when the test acts. */
  static final class Slow extends DoFn<Long, Long> {
    @Override
    public void processElement(ProcessContext c) throws InterruptedException {
      Thread.sleep(20);
      Metrics.gauge("test", "last").set(c.element());
      c.output(c.element());
    }
  }

  private static Pipeline slowPipeline() {
    Pipeline p = Pipeline.create(
        PipelineOptionsFactory.fromArgs("--runner=direct", "--targetParallelism=1").create());
    p.apply(Create.of(LongStream.range(0, 2000).boxed().toList())).apply("Slow", ParDo.of(new Slow()));
    return p;
  }

  @Test
  void boundedWaitReturnsRunningAndCancelStopsThePipeline() {
    PipelineResult result = slowPipeline().run();
    assertThat(result.waitUntilFinish(Duration.ofMillis(200))).isEqualTo(PipelineResult.State.RUNNING);
    assertThat(result.getState()).isEqualTo(PipelineResult.State.RUNNING);
    assertThat(result.cancel()).isEqualTo(PipelineResult.State.CANCELLED);
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.CANCELLED);
  }

  @Test
  void gaugesKeepTheLatestValue() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=direct").create());
    p.apply(Create.of(7L)).apply("Gauge", ParDo.of(new DoFn<Long, Long>() {
      @Override
      public void processElement(ProcessContext c) {
        Metrics.gauge("test", "value").set(c.element());
      }
    }));
    PipelineResult r = p.run();
    assertThat(r.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    var gauges = r.metrics().queryMetrics(MetricsFilter.builder().addStep("Gauge").build()).gauges();
    assertThat(gauges).singleElement().satisfies(g -> assertThat(g.attempted().value()).isEqualTo(7L));
  }
}
