package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unbounded sources on Flink (STREAMING mode, checkpointing on): splits read in parallel, the
 * readers' watermarks drive event-time windows, and the job ends when every reader's watermark
 * reached the end of time.
 */
class UnboundedSourceTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final class FormatWindowCount extends DoFn<Long, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.window() + "=" + c.element() + " " + c.pane().timing());
    }
  }

  @Test
  void windowedCountOfAnUnboundedSequenceIsExact() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(
        "--runner=flink", "--parallelism=2", "--checkpointingInterval=50").create());
    PCollection<String> counts = p
        .apply(GenerateSequence.from(0).to(2000).withRate(20_000, Duration.ofSeconds(1))
            .withTimestampFn(i -> Instant.ofEpochSecond(i)))
        .apply(Window.into(FixedWindows.of(Duration.ofSeconds(100))))
        .apply(Count.<Long>globally().withoutDefaults())
        .apply(ParDo.of(new FormatWindowCount()));
    String id = Collect.of(counts);
    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    List<String> expected = new ArrayList<>();
    for (int w = 0; w < 20; w++) {
      expected.add(new dev.millrace.windowing.IntervalWindow(
          Instant.ofEpochSecond(w * 100L), Instant.ofEpochSecond(w * 100L + 100)) + "=100 ON_TIME");
    }
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrderElementsOf(expected);
  }
}
