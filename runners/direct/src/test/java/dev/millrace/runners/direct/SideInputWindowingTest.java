package dev.millrace.runners.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windowed side inputs: each main window reads the matching side window, once it is complete. */
class SideInputWindowingTest implements Serializable {

  private static TimestampedValue<Long> at(long value, int seconds) {
    return TimestampedValue.of(value, Instant.ofEpochSecond(seconds));
  }

  static final class AppendSide extends DoFn<Long, String> {
    private final PCollectionView<Long> side;

    AppendSide(PCollectionView<Long> side) {
      this.side = side;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element() + ":" + c.sideInput(side));
    }
  }

  @Test
  void mainWindowsWaitForTheirSideWindowAndReadOnlyIt() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=direct").create());
    TestStream<Long> events = TestStream.create(VarLongCoder.of())
        .addElements(at(1, 10), at(2, 20))
        .advanceWatermarkTo(Instant.ofEpochSecond(30))
        .addElements(at(30, 70), at(40, 80))
        .advanceWatermarkTo(Instant.ofEpochSecond(100))
        .addElements(at(5, 50))
        .advanceWatermarkToInfinity();
    PCollection<Long> windowed = p.apply(events)
        .apply(Window.<Long>into(FixedWindows.of(Duration.ofMinutes(1)))
            .withAllowedLateness(Duration.ofMinutes(5)));
    PCollectionView<Long> sums = windowed
        .apply("SumPerWindow", Combine.globally((Iterable<Long> xs) -> {
          long s = 0;
          for (long x : xs) {
            s += x;
          }
          return s;
        }).withoutDefaults())
        .apply(dev.millrace.transforms.View.asSingleton());
    String id = Collect.of(windowed.apply(ParDo.of(new AppendSide(sums)).withSideInputs(sums)));
    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    // Window [0,60) holds 1, 2 and the late 5: the side input is read once the on-time pane is in,
    // so main elements that waited see the on-time sum 3; the late element arrives after it.
    List<String> results = Collect.results(id);
    assertThat(results).contains("1:3", "2:3", "30:70", "40:70");
    assertThat(results).hasSize(5);
    assertThat(results.stream().filter(r -> r.startsWith("5:")).toList())
        .singleElement().isIn("5:3", "5:8");
  }
}
