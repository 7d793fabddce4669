package dev.millrace.compliance.state;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.Coder;
import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.ListCoder;
import dev.millrace.coders.MapCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.Sessions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid stateful ParDos are rejected when applied, before any runner sees them, with a message
 * that says what to fix: the input must be keyed, its key coder deterministic, its windows
 * non-merging, and declared timers need an onTimer.
 */
@Requires(Capability.STATE)
class StatefulConstructionTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** A stateful DoFn on unkeyed strings. */
  static final class StatefulOnStrings extends DoFn<String, String> {
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {}
  }

  @Test
  void theInputMustBeKeyed() {
    PCollection<String> input = p.apply(Create.of("a", "b"));
    assertThatThrownBy(() -> input.apply("Count", ParDo.of(new StatefulOnStrings())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stateful DoFn")
        .hasMessageContaining("[count]")
        .hasMessageContaining("must be a PCollection of KV")
        .hasMessageContaining("WithKeys");
  }

  /** A stateful DoFn on any keyed input. */
  static final class StatefulOnAnyKey extends DoFn<KV<Object, Long>, String> {
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {}
  }

  static Stream<Arguments> nonDeterministicKeyCoders() {
    return Stream.of(
        Arguments.of("double", DoubleCoder.of(), "DoubleCoder"),
        Arguments.of("map", MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), "MapCoder"),
        Arguments.of("list of doubles", ListCoder.of(DoubleCoder.of()), "DoubleCoder"),
        Arguments.of("kv with a double", KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()),
            "DoubleCoder"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonDeterministicKeyCoders")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void theKeyCoderMustBeDeterministic(String name, Coder<?> keyCoder, String coderName) {
    Coder<KV<Object, Long>> coder = (Coder) KvCoder.of((Coder) keyCoder, VarLongCoder.of());
    PCollection<KV<Object, Long>> input = p.apply(Create.empty(coder));
    assertThatThrownBy(() -> input.apply("Count", ParDo.of(new StatefulOnAnyKey())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not deterministic")
        .hasMessageContaining(coderName);
  }

  @Test
  void aDeterministicKeyCoderIsAccepted() {
    Coder<KV<Object, Long>> coder = castKv(KvCoder.of(
        KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), VarLongCoder.of()));
    p.apply(Create.empty(coder)).apply("Count", ParDo.of(new StatefulOnAnyKey()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Coder<KV<Object, Long>> castKv(Coder<?> coder) {
    return (Coder) coder;
  }

  /** A stateful DoFn on keyed longs. */
  static final class Counter extends DoFn<KV<String, Long>, String> {
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {}
  }

  @Test
  @Requires(Capability.TEST_STREAM)
  void mergingWindowsAreRejected() {
    PCollection<KV<String, Long>> input = p.apply(stream().addElements(at("a", 1, 1)))
        .apply(Window.into(Sessions.withGapDuration(Duration.ofMinutes(1))));
    assertThatThrownBy(() -> input.apply(ParDo.of(new Counter())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("merging window function");
  }

  /** Declares a timer but no onTimer. */
  static final class TimerWithoutCallback extends DoFn<KV<String, Long>, String> {
    private final TimerSpec flush = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {}
  }

  @Test
  @Requires({Capability.TIMERS, Capability.TEST_STREAM})
  void declaredTimersNeedAnOnTimer() {
    PCollection<KV<String, Long>> input = p.apply(stream().addElements(at("a", 1, 1)));
    assertThatThrownBy(() -> input.apply(ParDo.of(new TimerWithoutCallback())))
        .hasMessageContaining("[flush]")
        .hasMessageContaining("does not override onTimer");
  }
}
