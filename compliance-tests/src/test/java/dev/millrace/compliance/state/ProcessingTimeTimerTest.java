package dev.millrace.compliance.state;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;

import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Processing-time timers on TestStream's virtual clock (it starts at the epoch and moves only with
 * {@code advanceProcessingTime}): a relative timer fires once the clock passes it, not before, a
 * reset one fires once, and its output keeps the timestamp of the element that set it.
 */
@Requires({Capability.STATE, Capability.TIMERS, Capability.TEST_STREAM,
    Capability.PROCESSING_TIME})
class ProcessingTimeTimerTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** Value 1 (re)sets a timer one minute ahead; other values are echoed; all numbered. */
  static final class Delayed extends DoFn<KV<String, Long>, String> {
    private final TimerSpec later = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);
    private final StateSpec<ValueState<Long>> seq = StateSpecs.value(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      long n = StateTesting.next(c.state(seq));
      if (c.element().getValue() == 1) {
        c.timer(later).offset(Duration.ofMinutes(1)).setRelative();
        c.output(n + " set at " + c.timer(later).getCurrentRelativeTime().getEpochSecond());
      } else {
        c.output(n + " input " + c.element().getValue());
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output(StateTesting.next(c.state(seq)) + " fired " + c.timeDomain() + " for "
          + c.fireTimestamp().getEpochSecond() + " output at " + c.timestamp().getEpochSecond());
    }
  }

  @Test
  void aProcessingTimeTimerFiresWhenTheClockPassesIt() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("k", 1, 5))
            .advanceProcessingTime(Duration.ofSeconds(30))
            .addElements(at("k", 2, 6))
            .advanceProcessingTime(Duration.ofSeconds(31))
            .addElements(at("k", 3, 7)))
        .apply(ParDo.of(new Delayed()));
    PAssert.that(out).containsInAnyOrder(
        "0 set at 0", "1 input 2", "2 fired PROCESSING_TIME for 60 output at 5", "3 input 3");
    p.run();
  }

  @Test
  void aResetProcessingTimeTimerFiresOnceAtItsNewTime() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("k", 1, 5))
            .advanceProcessingTime(Duration.ofSeconds(30))
            .addElements(at("k", 1, 6))
            .advanceProcessingTime(Duration.ofSeconds(31))
            .addElements(at("k", 3, 7))
            .advanceProcessingTime(Duration.ofSeconds(60))
            .addElements(at("k", 4, 8)))
        .apply(ParDo.of(new Delayed()));
    PAssert.that(out).containsInAnyOrder("0 set at 0", "1 set at 30", "2 input 3",
        "3 fired PROCESSING_TIME for 90 output at 6", "4 input 4");
    p.run();
  }
}
