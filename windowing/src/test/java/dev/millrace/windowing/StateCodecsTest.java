package dev.millrace.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StateCodecsTest {

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of(StateCodecs.longs(), Long.MIN_VALUE),
        Arguments.of(StateCodecs.longs(), -1L),
        Arguments.of(StateCodecs.strings(), ""),
        Arguments.of(StateCodecs.strings(), "grüße \uD83D\uDE00 " + "x".repeat(70_000)),
        Arguments.of(StateCodecs.booleans(), true),
        Arguments.of(StateCodecs.booleans(), false),
        Arguments.of(StateCodecs.paneInfos(), PaneInfo.NO_FIRING),
        Arguments.of(StateCodecs.paneInfos(), PaneInfo.ON_TIME_AND_ONLY_FIRING),
        Arguments.of(StateCodecs.paneInfos(), new PaneInfo(PaneInfo.Timing.ON_TIME, 0, 0, true, false)),
        Arguments.of(StateCodecs.paneInfos(), new PaneInfo(PaneInfo.Timing.EARLY, 3, -1, false, false)),
        Arguments.of(StateCodecs.paneInfos(), new PaneInfo(PaneInfo.Timing.LATE, 7, 2, false, true)),
        Arguments.of(StateCodecs.globalWindows(), GlobalWindow.INSTANCE),
        Arguments.of(StateCodecs.intervalWindows(), new IntervalWindow(-10, 5)),
        Arguments.of(StateCodecs.intervalWindows(), new IntervalWindow(60_000, 120_000)),
        Arguments.of(StateCodecs.intervalWindows(), new IntervalWindow(5, 5)),
        Arguments.of(StateCodecs.intervalWindows(),
            new IntervalWindow(Timestamps.MIN, Timestamps.GLOBAL_WINDOW_MAX)),
        Arguments.of(StateCodecs.intervalWindows(),
            new IntervalWindow(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2 + 1000)),
        Arguments.of(StateCodecs.listOf(StateCodecs.longs()), List.of()),
        Arguments.of(StateCodecs.listOf(StateCodecs.intervalWindows()),
            List.of(new IntervalWindow(0, 1), new IntervalWindow(5, 9))),
        Arguments.of(StateCodecs.listOf(StateCodecs.listOf(StateCodecs.strings())),
            List.of(List.of("a", "b"), List.of())));
  }

  @ParameterizedTest(name = "#{index}")
  @MethodSource("values")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void roundTripsAndIsDeterministic(StateCodec codec, Object value) {
    byte[] bytes = StateCodecs.toBytes(codec, value);
    assertThat(StateCodecs.fromBytes(codec, bytes)).isEqualTo(value);
    assertThat(StateCodecs.toBytes(codec, value)).isEqualTo(bytes);
  }

  @Test
  void truncatedInputFailsClearly() {
    byte[] bytes = StateCodecs.toBytes(StateCodecs.intervalWindows(), new IntervalWindow(0, 1));
    assertThat(bytes).hasSize(9); // the start, and the length in one byte
    byte[] truncated = java.util.Arrays.copyOf(bytes, 7);
    assertThatThrownBy(() -> StateCodecs.fromBytes(StateCodecs.intervalWindows(), truncated))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("could not decode 7 bytes");
  }

  @Test
  void theTwoCommonPanesTakeOneByteAndTheFullFormStillDecodes() throws Exception {
    assertThat(StateCodecs.toBytes(StateCodecs.paneInfos(), PaneInfo.NO_FIRING)).hasSize(1);
    assertThat(StateCodecs.toBytes(StateCodecs.paneInfos(), PaneInfo.ON_TIME_AND_ONLY_FIRING))
        .hasSize(1);
    PaneInfo other = new PaneInfo(PaneInfo.Timing.LATE, 2, 1, false, false);
    assertThat(StateCodecs.toBytes(StateCodecs.paneInfos(), other)).hasSize(18);
    // The 18-byte form of a common pane (as written before the one-byte tags) decodes too.
    java.io.ByteArrayOutputStream full = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(full);
    out.writeByte(PaneInfo.Timing.ON_TIME.ordinal());
    out.writeLong(0);
    out.writeLong(0);
    out.writeByte(3);
    assertThat(StateCodecs.fromBytes(StateCodecs.paneInfos(), full.toByteArray()))
        .isEqualTo(PaneInfo.ON_TIME_AND_ONLY_FIRING);
  }

  /** Encodes a pair by encoding its parts with toBytes, as a composite codec might. */
  private enum NestingCodec implements StateCodec<List<String>> {
    INSTANCE;

    @Override
    public void encode(List<String> value, java.io.DataOutput out) throws java.io.IOException {
      for (String part : value) {
        byte[] bytes = StateCodecs.toBytes(StateCodecs.strings(), part);
        out.writeInt(bytes.length);
        out.write(bytes);
      }
      out.writeInt(-1);
    }

    @Override
    public List<String> decode(java.io.DataInput in) throws java.io.IOException {
      List<String> parts = new java.util.ArrayList<>();
      for (int n = in.readInt(); n >= 0; n = in.readInt()) {
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        parts.add(StateCodecs.fromBytes(StateCodecs.strings(), bytes));
      }
      return parts;
    }
  }

  @Test
  void aCodecMayEncodeItsPartsWithToBytes() {
    List<String> value = List.of("first", "", "x".repeat(100_000), "last");
    byte[] bytes = StateCodecs.toBytes(NestingCodec.INSTANCE, value);
    assertThat(StateCodecs.fromBytes(NestingCodec.INSTANCE, bytes)).isEqualTo(value);
    assertThat(StateCodecs.toBytes(NestingCodec.INSTANCE, value)).isEqualTo(bytes);
    assertThat(StateCodecs.toBytes(StateCodecs.longs(), 7L)).hasSize(8); // the buffer is reset
  }

  @Test
  void varLongsRoundTripAndSmallOnesTakeOneByte() throws Exception {
    for (long v : new long[] {0, 1, 127, 128, 16_383, 16_384, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      StateCodecs.writeVarLong(v, new java.io.DataOutputStream(bytes));
      int expectedSize = v >= 0 && v < 128 ? 1 : v >= 128 && v < 16_384 ? 2 : -1;
      if (expectedSize > 0) {
        assertThat(bytes.size()).as("bytes of %s", v).isEqualTo(expectedSize);
      }
      assertThat(StateCodecs.readVarLong(
          new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))))
          .isEqualTo(v);
    }
    byte[] endless = new byte[11];
    java.util.Arrays.fill(endless, (byte) 0x80);
    assertThatThrownBy(() -> StateCodecs.readVarLong(
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(endless))))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("corrupt varint");
  }
}
