package dev.millrace.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.CoderUtils;
import dev.millrace.options.PipelineOptions;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.sources.UnboundedCountingSource.CounterMark;
import dev.millrace.time.ManualClock;
import dev.millrace.windowing.Timestamps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reader-level behaviour of the unbounded counting source: values, marks, rate, end, splits. */
class UnboundedCountingSourceTest {
  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();
  private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  private final ManualClock clock = ManualClock.atMillis(T0);

  /** Reads while elements are available (up to max), returning them. */
  private static List<Long> drainAvailable(UnboundedReader<Long> reader, boolean started,
      int max) throws Exception {
    List<Long> out = new ArrayList<>();
    boolean more = started ? reader.advance() : reader.start();
    while (more) {
      out.add(reader.getCurrent());
      if (out.size() >= max) {
        break;
      }
      more = reader.advance();
    }
    return out;
  }

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  @Test
  void emitsExactValuesThenFinishesWithWatermarkAtMax() throws Exception {
    UnboundedCountingSource source = CountingSource.unbounded(3).to(8).withClock(clock);
    UnboundedReader<Long> reader = source.createReader(OPTIONS, null);
    assertThat(drainAvailable(reader, false, 100)).isEqualTo(range(3, 8));
    assertThat(reader.getWatermarkMillis()).isEqualTo(Timestamps.MAX);
    assertThat(reader.getWatermark()).isEqualTo(Timestamps.MAX_INSTANT);
    assertThat(reader.advance()).isFalse();
    assertThatThrownBy(reader::getCurrent).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void watermarkReachesMaxOnlyAfterAdvanceReportsTheEnd() throws Exception {
    UnboundedReader<Long> reader =
        CountingSource.unbounded(0).to(1).withClock(clock).createReader(OPTIONS, null);
    assertThat(reader.start()).isTrue();
    assertThat(reader.getWatermarkMillis()).isEqualTo(T0);
    assertThat(reader.advance()).isFalse();
    assertThat(reader.getWatermarkMillis()).isEqualTo(Timestamps.MAX);
  }

  @Test
  void emptyRangeFinishesImmediately() throws Exception {
    UnboundedReader<Long> reader =
        CountingSource.unbounded(5).to(5).withClock(clock).createReader(OPTIONS, null);
    assertThat(reader.start()).isFalse();
    assertThat(reader.getWatermarkMillis()).isEqualTo(Timestamps.MAX);
  }

  @Test
  void withoutEndOrRateKeepsProducing() throws Exception {
    UnboundedReader<Long> reader =
        CountingSource.unbounded(0).withClock(clock).createReader(OPTIONS, null);
    assertThat(drainAvailable(reader, false, 10_000)).isEqualTo(range(0, 10_000));
    assertThat(reader.getWatermarkMillis()).isLessThan(Timestamps.MAX);
  }

  @Test
  void defaultTimestampIsProcessingTimeOfEmissionAndDrivesTheWatermark() throws Exception {
    UnboundedReader<Long> reader =
        CountingSource.unbounded(0).withClock(clock).createReader(OPTIONS, null);
    assertThat(reader.start()).isTrue();
    assertThat(reader.getCurrentTimestampMillis()).isEqualTo(T0);
    clock.advanceMillis(500);
    assertThat(reader.getWatermarkMillis()).isEqualTo(T0);
    assertThat(reader.advance()).isTrue();
    assertThat(reader.getCurrentTimestamp()).isEqualTo(Instant.ofEpochMilli(T0 + 500));
    assertThat(reader.getWatermarkMillis()).isEqualTo(T0 + 500);
  }

  @Test
  void timestampFnStampsValuesAndWatermarkIsHighestSoFar() throws Exception {
    UnboundedReader<Long> reader = CountingSource.unbounded(0).to(3)
        .withTimestampFn(v -> Instant.ofEpochSecond(100 + v))
        .withClock(clock).createReader(OPTIONS, null);
    List<Long> stamps = new ArrayList<>();
    List<Long> watermarks = new ArrayList<>();
    for (boolean more = reader.start(); more; more = reader.advance()) {
      stamps.add(reader.getCurrentTimestampMillis());
      watermarks.add(reader.getWatermarkMillis());
    }
    assertThat(stamps).containsExactly(100_000L, 101_000L, 102_000L);
    assertThat(watermarks).containsExactly(100_000L, 101_000L, 102_000L);
  }

  @Test
  void recordIdIsTheValue() throws Exception {
    UnboundedReader<Long> reader =
        CountingSource.unbounded(41).withClock(clock).createReader(OPTIONS, null);
    reader.start();
    reader.advance();
    assertThat(ByteBuffer.wrap(reader.getCurrentRecordId()).getLong()).isEqualTo(42);
  }

  @ParameterizedTest(name = "checkpoint after {0} of 0..19")
  @CsvSource({"0", "1", "7", "19", "20"})
  void resumesFromEncodedMarkWithoutLossOrDuplicates(int readBeforeCheckpoint) throws Exception {
    UnboundedCountingSource source = CountingSource.unbounded(0).to(20).withClock(clock);
    UnboundedReader<Long> first = source.createReader(OPTIONS, null);
    List<Long> seen = new ArrayList<>();
    boolean started = false;
    if (readBeforeCheckpoint > 0) {
      seen.addAll(drainAvailable(first, false, readBeforeCheckpoint));
      started = true;
    }
    CounterMark mark = (CounterMark) first.getCheckpointMark();
    // Reading on after the mark does not change the mark (those elements are "lost" in a crash).
    if (started) {
      first.advance();
    }
    first.close();
    byte[] encoded = CoderUtils.encodeToByteArray(source.getCheckpointMarkCoder(), mark);
    CounterMark decoded = CoderUtils.decodeFromByteArray(source.getCheckpointMarkCoder(), encoded);
    assertThat(decoded).isEqualTo(mark);

    UnboundedReader<Long> resumed = source.createReader(OPTIONS, decoded);
    seen.addAll(drainAvailable(resumed, false, 100));
    assertThat(seen).isEqualTo(range(0, 20));
    assertThat(resumed.getWatermarkMillis()).isEqualTo(Timestamps.MAX);
  }

  @Test
  void resumedReaderKeepsTheWatermark() throws Exception {
    UnboundedCountingSource source = CountingSource.unbounded(0)
        .withTimestampFn(v -> Instant.ofEpochMilli(1000 * v)).withClock(clock);
    UnboundedReader<Long> first = source.createReader(OPTIONS, null);
    drainAvailable(first, false, 5);
    assertThat(first.getWatermarkMillis()).isEqualTo(4000);
    CounterMark mark = (CounterMark) first.getCheckpointMark();
    UnboundedReader<Long> resumed = source.createReader(OPTIONS, mark);
    assertThat(resumed.getWatermarkMillis()).isEqualTo(4000);
  }

  @Test
  void rateLimitsEmissionAgainstTheClock() throws Exception {
    UnboundedCountingSource source = CountingSource.unbounded(0)
        .withRate(2, Duration.ofSeconds(1)).withClock(clock);
    UnboundedReader<Long> reader = source.createReader(OPTIONS, null);
    // Element k is due at k * 500 ms after the start.
    assertThat(drainAvailable(reader, false, 100)).containsExactly(0L);
    clock.advanceMillis(499);
    assertThat(drainAvailable(reader, true, 100)).isEmpty();
    assertThat(reader.getWatermarkMillis()).isEqualTo(T0);
    clock.advanceMillis(1);
    assertThat(drainAvailable(reader, true, 100)).containsExactly(1L);
    clock.advanceMillis(2_000);
    assertThat(drainAvailable(reader, true, 100)).containsExactly(2L, 3L, 4L, 5L);
    assertThat(reader.getWatermarkMillis()).isEqualTo(T0 + 2_500);
    assertThat(reader.getWatermarkMillis()).isLessThan(Timestamps.MAX);
  }

  @Test
  void resumedReaderKeepsTheRateScheduleOfTheFirstStart() throws Exception {
    UnboundedCountingSource source = CountingSource.unbounded(0)
        .withRate(1, Duration.ofSeconds(1)).withClock(clock);
    UnboundedReader<Long> first = source.createReader(OPTIONS, null);
    clock.advanceMillis(0);
    assertThat(drainAvailable(first, false, 100)).containsExactly(0L);
    CounterMark mark = (CounterMark) first.getCheckpointMark();
    clock.advanceMillis(2_000);
    UnboundedReader<Long> resumed = source.createReader(OPTIONS, mark);
    assertThat(drainAvailable(resumed, false, 100)).containsExactly(1L, 2L);
  }

  @Test
  void maxReadTimeFinishesTheReader() throws Exception {
    UnboundedCountingSource source = CountingSource.unbounded(0)
        .withRate(1, Duration.ofSeconds(1)).withMaxReadTime(Duration.ofMillis(2_500))
        .withClock(clock);
    UnboundedReader<Long> reader = source.createReader(OPTIONS, null);
    assertThat(drainAvailable(reader, false, 100)).containsExactly(0L);
    clock.advanceMillis(2_000);
    assertThat(drainAvailable(reader, true, 100)).containsExactly(1L, 2L);
    assertThat(reader.getWatermarkMillis()).isLessThan(Timestamps.MAX);
    clock.advanceMillis(500);
    assertThat(drainAvailable(reader, true, 100)).isEmpty();
    assertThat(reader.getWatermarkMillis()).isEqualTo(Timestamps.MAX);
    clock.advanceMillis(10_000);
    assertThat(reader.advance()).isFalse();
  }

  @Test
  void rateWithEndFinishesAfterTheLastValue() throws Exception {
    UnboundedCountingSource source = CountingSource.unbounded(0).to(3)
        .withRate(1, Duration.ofSeconds(1)).withClock(clock);
    UnboundedReader<Long> reader = source.createReader(OPTIONS, null);
    assertThat(drainAvailable(reader, false, 100)).containsExactly(0L);
    clock.advanceMillis(10_000);
    assertThat(drainAvailable(reader, true, 100)).containsExactly(1L, 2L);
    assertThat(reader.getWatermarkMillis()).isEqualTo(Timestamps.MAX);
  }

  @ParameterizedTest(name = "[{0}, {1}) into {2} splits")
  @CsvSource({"0, 100, 1", "0, 100, 3", "5, 12, 4", "0, 3, 8", "10, 10, 4", "0, 1000, 7"})
  void splitsTogetherEmitEveryValueExactlyOnce(long from, long to, int n) throws Exception {
    UnboundedCountingSource source = CountingSource.unbounded(from).to(to).withClock(clock);
    List<UnboundedCountingSource> splits = source.split(n, OPTIONS);
    assertThat(splits).hasSizeLessThanOrEqualTo(Math.max(1, n));
    List<Long> all = new ArrayList<>();
    for (UnboundedCountingSource split : splits) {
      UnboundedReader<Long> reader = split.createReader(OPTIONS, null);
      all.addAll(drainAvailable(reader, false, 10_000));
      assertThat(reader.getWatermarkMillis()).isEqualTo(Timestamps.MAX);
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(range(from, to));
  }

  @Test
  void splitIEmitsByStride() throws Exception {
    List<UnboundedCountingSource> splits =
        CountingSource.unbounded(0).to(10).withClock(clock).split(3, OPTIONS);
    assertThat(drainAvailable(splits.get(1).createReader(OPTIONS, null), false, 100))
        .containsExactly(1L, 4L, 7L);
  }

  @Test
  void splitsShareTheRate() throws Exception {
    List<UnboundedCountingSource> splits = CountingSource.unbounded(0)
        .withRate(4, Duration.ofSeconds(1)).withClock(clock).split(2, OPTIONS);
    List<UnboundedReader<Long>> readers = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    for (UnboundedCountingSource s : splits) {
      UnboundedReader<Long> r = s.createReader(OPTIONS, null);
      readers.add(r);
      all.addAll(drainAvailable(r, false, 100));
    }
    clock.advanceMillis(1_000);
    for (UnboundedReader<Long> r : readers) {
      all.addAll(drainAvailable(r, true, 100));
    }
    // 4 per second in total: 2 per split per second, plus each split's first element at 0.
    assertThat(all).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void splitsResumeFromTheirOwnMarksAndRejectOthers() throws Exception {
    List<UnboundedCountingSource> splits =
        CountingSource.unbounded(0).to(20).withClock(clock).split(2, OPTIONS);
    UnboundedReader<Long> r0 = splits.get(0).createReader(OPTIONS, null);
    drainAvailable(r0, false, 3);
    CounterMark mark = (CounterMark) r0.getCheckpointMark();
    assertThat(drainAvailable(splits.get(0).createReader(OPTIONS, mark), false, 100))
        .containsExactly(6L, 8L, 10L, 12L, 14L, 16L, 18L);
    assertThatThrownBy(() -> splits.get(1).createReader(OPTIONS, mark))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong to the split");
  }

  @Test
  void sourceSurvivesJavaSerialisation() throws Exception {
    UnboundedCountingSource source = CountingSource.unbounded(0).to(5)
        .withTimestampFn(v -> Instant.ofEpochSecond(v));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(source);
    }
    UnboundedCountingSource copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (UnboundedCountingSource) in.readObject();
    }
    assertThat(drainAvailable(copy.createReader(OPTIONS, null), false, 100))
        .isEqualTo(range(0, 5));
  }

  @Test
  void rejectsBadConfiguration() {
    assertThatThrownBy(() -> CountingSource.unbounded(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
    assertThatThrownBy(() -> CountingSource.unbounded(5).to(4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at or after");
    assertThatThrownBy(() -> CountingSource.unbounded(0).withRate(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> CountingSource.unbounded(0).withRate(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("millisecond");
  }

  @Test
  void markCoderRejectsTruncatedInput() throws Exception {
    CounterMark mark = new CounterMark(4, T0, new long[] {1, 2});
    byte[] encoded = CoderUtils.encodeToByteArray(CounterMarkCoder.of(), mark);
    byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 3);
    assertThatThrownBy(() -> CoderUtils.decodeFromByteArray(CounterMarkCoder.of(), truncated))
        .isInstanceOf(dev.millrace.coders.CoderException.class);
  }
}
