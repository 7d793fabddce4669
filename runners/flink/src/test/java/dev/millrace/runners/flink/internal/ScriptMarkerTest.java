package dev.millrace.runners.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.values.KV;
import dev.millrace.windowing.GlobalWindow;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.WindowedValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Script markers travel in any collection's stream (the element coder carries them) and reach
 * every instance of a keyed consumer, whatever its parallelism.
 */
class ScriptMarkerTest {
  @Test
  void markersRoundTripThroughAnyCollectionsCoder() throws Exception {
    WindowedValueCoder<KV<String, Long>> coder = new WindowedValueCoder<>(
        KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), StateCodecs.globalWindows());
    ScriptMarker marker = new ScriptMarker(7, 1_234, 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    coder.encode(marker.asRecord(), out);
    coder.encode(WindowedValue.valueInGlobalWindow(KV.of("a", 3L)), out);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    WindowedValue<KV<String, Long>> first = coder.decode(in);
    WindowedValue<KV<String, Long>> second = coder.decode(in);
    assertThat(ScriptMarker.is(first)).isTrue();
    assertThat(ScriptMarker.of(first)).isEqualTo(marker);
    assertThat(ScriptMarker.is(second)).isFalse();
    assertThat(second.value()).isEqualTo(KV.of("a", 3L));
    assertThat(second.windows()).containsExactly(GlobalWindow.INSTANCE);
  }

  @ParameterizedTest(name = "parallelism {0}, max parallelism {1}")
  @CsvSource({"1, 128", "2, 128", "3, 128", "4, 7", "16, 16"})
  void everyInstanceOfAKeyedConsumerGetsOneCopy(int parallelism, int maxParallelism) {
    MarkerRouting routing = MarkerRouting.of(parallelism, maxParallelism);
    FlinkClock.Script clock = new FlinkClock.Script(
        new long[] {0, 1}, new long[] {0, 0}, parallelism, maxParallelism);
    Set<Integer> reached = new HashSet<>();
    MarkerRouting.emit(clock, 1, 0, m -> reached.add(KeyGroupRangeAssignment
        .assignKeyToParallelOperator(routing.keyOf(m), maxParallelism, parallelism)));
    assertThat(reached).hasSize(parallelism).allMatch(i -> i >= 0 && i < parallelism);
  }
}
