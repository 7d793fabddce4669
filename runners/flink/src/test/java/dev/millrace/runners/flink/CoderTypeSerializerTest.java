package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.runners.flink.internal.CoderTypeInformation;
import dev.millrace.runners.flink.internal.CoderTypeSerializer;
import dev.millrace.runners.flink.internal.EncodedKey;
import dev.millrace.runners.flink.internal.WindowedValueCoder;
import dev.millrace.values.KV;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.WindowedValue;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Coders as Flink serializers: round trips, snapshots, keys. */
class CoderTypeSerializerTest {

  private static <T> T roundTrip(TypeSerializer<T> s, T value) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(value, out);
    s.serialize(value, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    T first = s.deserialize(in);
    assertThat(s.deserialize(in)).isEqualTo(first);
    assertThat(in.available()).isZero();
    return first;
  }

  @Test
  void windowedValuesRoundTripThroughTheCoderSerializer() throws Exception {
    WindowedValueCoder<KV<String, Long>> coder = new WindowedValueCoder<>(
        KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), StateCodecs.intervalWindows());
    TypeSerializer<WindowedValue<KV<String, Long>>> s =
        CoderTypeInformation.of(coder).createSerializer(new SerializerConfigImpl());
    IntervalWindow w1 = new IntervalWindow(Instant.ofEpochSecond(0), Instant.ofEpochSecond(60));
    IntervalWindow w2 = new IntervalWindow(Instant.ofEpochSecond(30), Instant.ofEpochSecond(90));
    List<WindowedValue<KV<String, Long>>> values = List.of(
        WindowedValue.of(KV.of("a", 1L), 42_000L, w1, PaneInfo.ON_TIME_AND_ONLY_FIRING),
        WindowedValue.of(KV.of("", -7L), 45_000L, List.of(w1, w2), PaneInfo.NO_FIRING),
        WindowedValue.of(KV.of("late", Long.MAX_VALUE), 1L, w2,
            new PaneInfo(PaneInfo.Timing.LATE, 3, 2, false, true)),
        WindowedValue.of(KV.of("many windows", 1L), 0L, manyWindows(254), PaneInfo.NO_FIRING),
        WindowedValue.of(KV.of("more windows", 1L), 0L, manyWindows(300), PaneInfo.NO_FIRING));
    for (WindowedValue<KV<String, Long>> v : values) {
      assertThat(roundTrip(s, v)).isEqualTo(v);
    }
  }

  /** {@code n} distinct windows (counts from 255 on take the long form). */
  private static List<dev.millrace.windowing.BoundedWindow> manyWindows(int n) {
    List<dev.millrace.windowing.BoundedWindow> windows = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      windows.add(new IntervalWindow(Instant.ofEpochSecond(i), Instant.ofEpochSecond(i + 60)));
    }
    return windows;
  }

  @Test
  void copyingSerializedRecordsGivesTheirBytesExactly() throws Exception {
    WindowedValueCoder<KV<String, Long>> coder = new WindowedValueCoder<>(
        KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), StateCodecs.intervalWindows());
    TypeSerializer<WindowedValue<KV<String, Long>>> s =
        CoderTypeInformation.of(coder).createSerializer(new SerializerConfigImpl());
    IntervalWindow w = new IntervalWindow(Instant.ofEpochSecond(0), Instant.ofEpochSecond(60));
    DataOutputSerializer records = new DataOutputSerializer(64);
    s.serialize(WindowedValue.of(KV.of("zürich", 3L), 42_000L, w, PaneInfo.NO_FIRING), records);
    s.serialize(WindowedValue.of(KV.of("", -1L), 1L, w, PaneInfo.ON_TIME_AND_ONLY_FIRING), records);
    // As Flink's sorter copies when it spills: record by record, from one view to another.
    DataInputDeserializer in = new DataInputDeserializer(records.getCopyOfBuffer());
    DataOutputSerializer copy = new DataOutputSerializer(8);
    s.copy(in, copy);
    s.copy(in, copy);
    assertThat(in.available()).isZero();
    assertThat(copy.getCopyOfBuffer()).isEqualTo(records.getCopyOfBuffer());
  }

  @Test
  void snapshotRestoresAnEqualAndCompatibleSerializer() throws Exception {
    CoderTypeSerializer<String> s = new CoderTypeSerializer<>(StringUtf8Coder.of());
    TypeSerializerSnapshot<String> snapshot = s.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    TypeSerializerSnapshot<String> restored = TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    assertThat(restored.restoreSerializer()).isEqualTo(s);
    assertThat(s.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs())
        .isTrue();
    TypeSerializerSnapshot<String> other =
        new CoderTypeSerializer<>((dev.millrace.coders.Coder) VarLongCoder.of())
            .snapshotConfiguration();
    assertThat(other.resolveSchemaCompatibility(restored).isIncompatible()).isTrue();
  }

  @Test
  void encodedKeysOfEqualKeysAreEqualAndHashAlike() throws Exception {
    KvCoder<String, Long> coder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    EncodedKey a = EncodedKey.of(coder, KV.of("k", 1L));
    EncodedKey b = EncodedKey.of(coder, KV.of("k", 1L));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(EncodedKey.of(coder, KV.of("k", 2L)));
    assertThat(a.decode(coder)).isEqualTo(KV.of("k", 1L));
    assertThat(CoderTypeInformation.ofKey(EncodedKey.KeyCoder.INSTANCE).isKeyType()).isTrue();
    TypeSerializer<EncodedKey> s = new CoderTypeSerializer<>(EncodedKey.KeyCoder.INSTANCE);
    assertThat(roundTrip(s, a)).isEqualTo(a);
    // Lengths around the varint boundaries.
    for (int length : new int[] {0, 1, 127, 128, 16_383, 16_384, 100_000}) {
      EncodedKey k = new EncodedKey(new byte[length]);
      assertThat(roundTrip(s, k)).isEqualTo(k);
    }
  }
}
