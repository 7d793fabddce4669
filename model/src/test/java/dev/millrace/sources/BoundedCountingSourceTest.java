package dev.millrace.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.options.PipelineOptions;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.windowing.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundedCountingSourceTest {
  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  private static List<Long> read(BoundedSource<Long> source) throws Exception {
    List<Long> out = new ArrayList<>();
    try (BoundedReader<Long> reader = source.createReader(OPTIONS)) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        out.add(reader.getCurrent());
      }
    }
    return out;
  }

  @Test
  void readsTheHalfOpenRangeInOrderAtTheBeginningOfTime() throws Exception {
    BoundedSource<Long> source = CountingSource.bounded(3, 7, null);
    assertThat(read(source)).containsExactly(3L, 4L, 5L, 6L);
    try (BoundedReader<Long> reader = source.createReader(OPTIONS)) {
      reader.start();
      assertThat(reader.getCurrentTimestampMillis()).isEqualTo(Timestamps.MIN);
    }
    assertThat(read(CountingSource.bounded(5, 5, null))).isEmpty();
  }

  @Test
  void timestampFnStampsEachValue() throws Exception {
    BoundedSource<Long> source =
        CountingSource.bounded(0, 3, v -> Instant.ofEpochSecond(10 * v));
    List<Instant> stamps = new ArrayList<>();
    try (BoundedReader<Long> reader = source.createReader(OPTIONS)) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        stamps.add(reader.getCurrentTimestamp());
      }
    }
    assertThat(stamps).containsExactly(
        Instant.ofEpochSecond(0), Instant.ofEpochSecond(10), Instant.ofEpochSecond(20));
  }

  @ParameterizedTest(name = "[{0}, {1}) with bundles of {2} bytes -> {3} splits")
  @CsvSource({"0, 100, 80, 10", "0, 100, 800, 1", "0, 100, 1, 100", "7, 30, 40, 5",
      "0, 100, 1000000, 1"})
  void splitsIntoContiguousRangesCoveringEveryValueOnce(
      long from, long to, long bundleBytes, int expectedSplits) throws Exception {
    BoundedSource<Long> source = CountingSource.bounded(from, to, null);
    assertThat(source.getEstimatedSizeBytes(OPTIONS)).isEqualTo(8 * (to - from));
    List<? extends BoundedSource<Long>> splits = source.split(bundleBytes, OPTIONS);
    assertThat(splits).hasSize(expectedSplits);
    List<Long> all = new ArrayList<>();
    for (BoundedSource<Long> split : splits) {
      all.addAll(read(split));
    }
    assertThat(all).isEqualTo(LongStream.range(from, to).boxed().toList());
  }

  @Test
  void hugeRangesSplitIntoABoundedNumberOfSplits() throws Exception {
    BoundedSource<Long> source = CountingSource.bounded(0, Long.MAX_VALUE, null);
    assertThat(source.split(8, OPTIONS)).hasSizeLessThanOrEqualTo(10_000);
  }
}
