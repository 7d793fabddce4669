package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.CoderUtils;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.runners.flink.internal.CoderTypeSerializer;
import dev.millrace.runners.flink.internal.EncodedKey;
import dev.millrace.runners.flink.internal.WindowedValueCoder;
import dev.millrace.values.KV;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.GlobalWindow;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.WindowedValue;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The serializers write straight to Flink's buffers (no per-record stream wrappers); the bytes
 * must be exactly those of the coder's plain stream encoding, since a value written one way (a
 * network record, keyed state) may be read the other way (a snapshot, a byte-array state).
 */
class SerializerFastPathTest {
  private static final IntervalWindow W1 =
      new IntervalWindow(Instant.ofEpochMilli(0), Instant.ofEpochMilli(60_000));
  private static final IntervalWindow W2 =
      new IntervalWindow(Instant.ofEpochMilli(60_000), Instant.ofEpochMilli(120_000));

  static Stream<WindowedValue<KV<String, Long>>> values() {
    return Stream.of(
        WindowedValue.of(KV.of("a", 1L), 5, W1, PaneInfo.NO_FIRING),
        WindowedValue.of(KV.of("é-long-key", -3L), 70_000, List.<BoundedWindow>of(W1, W2),
            PaneInfo.NO_FIRING),
        WindowedValue.of(KV.of("", Long.MAX_VALUE), Long.MIN_VALUE, W2, PaneInfo.NO_FIRING));
  }

  private static final WindowedValueCoder<KV<String, Long>> CODER = new WindowedValueCoder<>(
      KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), StateCodecs.intervalWindows());

  @ParameterizedTest
  @MethodSource("values")
  void viewBytesEqualStreamBytesAndRoundTrip(WindowedValue<KV<String, Long>> value)
      throws Exception {
    CoderTypeSerializer<WindowedValue<KV<String, Long>>> serializer =
        new CoderTypeSerializer<>(CODER);
    DataOutputSerializer out = new DataOutputSerializer(16);
    serializer.serialize(value, out);
    byte[] viaView = out.getCopyOfBuffer();
    assertThat(viaView).isEqualTo(CoderUtils.encodeToByteArray(CODER, value));

    WindowedValue<KV<String, Long>> back = serializer.deserialize(new DataInputDeserializer(viaView));
    assertThat(back.value()).isEqualTo(value.value());
    assertThat(back.timestamp()).isEqualTo(value.timestamp());
    assertThat(back.windows()).containsExactlyElementsOf(value.windows());
    assertThat(CoderUtils.decodeFromByteArray(CODER, viaView).windows())
        .containsExactlyElementsOf(value.windows());

    DataOutputSerializer copied = new DataOutputSerializer(16);
    serializer.copy(new DataInputDeserializer(viaView), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(viaView);
  }

  @Test
  void copyReturnsTheImmutableElementItself() {
    CoderTypeSerializer<WindowedValue<KV<String, Long>>> serializer =
        new CoderTypeSerializer<>(CODER);
    WindowedValue<KV<String, Long>> v = values().findFirst().orElseThrow();
    assertThat(serializer.copy(v)).isSameAs(v);
  }

  @Test
  void encodedKeysSerializeLikeTheirCoderAndHashByContent() throws Exception {
    EncodedKey a = EncodedKey.of(StringUtf8Coder.of(), "word");
    EncodedKey b = EncodedKey.of(StringUtf8Coder.of(), "word");
    EncodedKey c = EncodedKey.of(StringUtf8Coder.of(), "other");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    assertThat(a.hashCode()).isEqualTo(b.hashCode()); // cached, still the same

    CoderTypeSerializer<EncodedKey> serializer = new CoderTypeSerializer<>(EncodedKey.KeyCoder.INSTANCE);
    DataOutputSerializer out = new DataOutputSerializer(8);
    serializer.serialize(a, out);
    byte[] viaView = out.getCopyOfBuffer();
    assertThat(viaView).isEqualTo(CoderUtils.encodeToByteArray(EncodedKey.KeyCoder.INSTANCE, a));
    EncodedKey back = serializer.deserialize(new DataInputDeserializer(viaView));
    assertThat(back).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(back.decode(StringUtf8Coder.of())).isEqualTo("word");
  }

  @Test
  void globalWindowValuesRoundTrip() throws Exception {
    WindowedValueCoder<String> coder =
        new WindowedValueCoder<>(StringUtf8Coder.of(), StateCodecs.globalWindows());
    CoderTypeSerializer<WindowedValue<String>> serializer = new CoderTypeSerializer<>(coder);
    WindowedValue<String> v = WindowedValue.timestampedValueInGlobalWindow("x", 42);
    DataOutputSerializer out = new DataOutputSerializer(8);
    serializer.serialize(v, out);
    WindowedValue<String> back =
        serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back.value()).isEqualTo("x");
    assertThat(back.timestamp()).isEqualTo(42);
    assertThat(back.windows()).containsExactly(GlobalWindow.INSTANCE);
  }
}
