package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowFn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A lifted Combine.perKey in BATCH mode (merged per key from Flink's sorted input, without the
 * windowing core) emits exactly what the windowing core emits in STREAMING mode: the same values,
 * timestamps (for every timestamp combiner), windows and panes (on time and only).
 */
class SortedCombineTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final class Describe extends DoFn<KV<String, Long>, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element() + " ts=" + c.timestamp().toEpochMilli() + " w=" + c.window()
          + " pane=" + c.pane());
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    List<WindowFn<?>> fns = List.of(GlobalWindows.of(), FixedWindows.of(Duration.ofMinutes(1)),
        SlidingWindows.of(Duration.ofMinutes(2)).every(Duration.ofMinutes(1)));
    for (TimestampCombiner tc : TimestampCombiner.values()) {
      for (WindowFn<?> fn : fns) {
        out.add(Arguments.of(tc, fn));
      }
    }
    return out.stream();
  }

  /** 300 elements of 7 keys over 200 seconds. */
  private static List<TimestampedValue<KV<String, Long>>> fewKeys() {
    List<TimestampedValue<KV<String, Long>>> input = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      input.add(TimestampedValue.of(KV.of("k" + (i % 7), (long) i),
          Instant.ofEpochMilli((i * 7919L) % 200_000)));
    }
    return input;
  }

  /**
   * A hot key in 100 windows among 12,000 keys seen once or twice: more distinct keys than the
   * partial-combine table holds (so partials of one key and window arrive in several flushes),
   * and a key whose many windows are followed by keys with one window each.
   */
  private static List<TimestampedValue<KV<String, Long>>> hotKeyAndManyKeys() {
    List<TimestampedValue<KV<String, Long>>> input = new ArrayList<>();
    for (int i = 0; i < 12_000; i++) {
      Instant t = Instant.ofEpochSecond((i * 7919L) % 6_000);
      input.add(TimestampedValue.of(KV.of("hot", 1L), t));
      input.add(TimestampedValue.of(KV.of("k" + i, (long) i), t));
      if (i % 3 == 0) {
        input.add(TimestampedValue.of(KV.of("k" + (i / 2), 2L), t.plusSeconds(1)));
      }
    }
    return input;
  }

  private static List<String> run(TimestampCombiner tc, WindowFn<?> fn, boolean streaming) {
    return run(tc, fn, streaming, fewKeys());
  }

  private static List<String> run(TimestampCombiner tc, WindowFn<?> fn, boolean streaming,
      List<TimestampedValue<KV<String, Long>>> input) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(
        "--runner=flink", "--parallelism=2", "--streaming=" + streaming).create());
    Window<KV<String, Long>> window = Window.into(fn);
    PCollection<String> described = p.apply(Create.timestamped(input))
        .apply(window.withTimestampCombiner(tc))
        .apply(Sum.longsPerKey())
        .apply(ParDo.of(new Describe()));
    String id = Collect.of(described);
    p.run().waitUntilFinish();
    return Collect.results(id);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void batchCombineEmitsWhatTheCoreEmits(TimestampCombiner tc, WindowFn<?> fn) {
    List<String> batch = run(tc, fn, false);
    List<String> core = run(tc, fn, true);
    assertThat(batch).isNotEmpty().containsExactlyInAnyOrderElementsOf(core);
    assertThat(batch).allMatch(s -> s.contains("timing=ON_TIME") && s.contains("isLast=true"));
  }

  @org.junit.jupiter.api.Test
  void batchCombineOfAHotKeyAndManyKeysEmitsWhatTheCoreEmits() {
    WindowFn<?> fn = FixedWindows.of(Duration.ofMinutes(1));
    List<String> batch = run(TimestampCombiner.EARLIEST, fn, false, hotKeyAndManyKeys());
    List<String> core = run(TimestampCombiner.EARLIEST, fn, true, hotKeyAndManyKeys());
    assertThat(batch).hasSize(core.size()).containsExactlyInAnyOrderElementsOf(core);
    assertThat(batch.stream().filter(s -> s.startsWith("KV{hot, "))).hasSize(100);
  }
}
