package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.coders.Coder;
import dev.millrace.coders.SerializableCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptions;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.sources.UnboundedReader;
import dev.millrace.sources.UnboundedSource;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Read;
import dev.millrace.transforms.Window;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.Timestamps;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Source splits without data do not stall event time: a never-ending source whose only data split
 * is read by one instance still fires its event-time windows, whether the other instances have no
 * split at all or read a split that never has data, or the same instance also reads one.
 */
class IdleSplitsTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

  /** The position of a split: the next value to emit. */
  record Mark(long next) implements UnboundedSource.CheckpointMark, Serializable {
    @Override
    public void finalizeCheckpoint() {}
  }

  /**
   * Split 0 emits 0, 1, 2, ... forever (about one value per millisecond, value i at i*10 ms, the
   * watermark at the last value's timestamp); the other splits never have data and their
   * watermark stays at the beginning of time.
   */
  static final class OneDataSplit extends UnboundedSource<Long, Mark> {
    private final int index;
    private final int emptySplits;

    OneDataSplit(int index, int emptySplits) {
      this.index = index;
      this.emptySplits = emptySplits;
    }

    @Override
    public List<OneDataSplit> split(int desiredNumSplits, PipelineOptions options) {
      List<OneDataSplit> splits = new ArrayList<>();
      for (int i = 0; i <= emptySplits; i++) {
        splits.add(new OneDataSplit(i, emptySplits));
      }
      return splits;
    }

    @Override
    public UnboundedReader<Long> createReader(PipelineOptions options, Mark mark) {
      return new Reader(index == 0, mark == null ? 0 : mark.next());
    }

    @Override
    public Coder<Mark> getCheckpointMarkCoder() {
      return SerializableCoder.of(Mark.class);
    }

    @Override
    public Coder<Long> getOutputCoder() {
      return VarLongCoder.of();
    }
  }

  static final class Reader extends UnboundedReader<Long> {
    private final boolean hasData;
    private final long startNanos = System.nanoTime();
    private final long first;
    private long next;
    private Long current;

    Reader(boolean hasData, long next) {
      this.hasData = hasData;
      this.first = next;
      this.next = next;
    }

    @Override
    public boolean start() {
      return advance();
    }

    @Override
    public boolean advance() {
      long due = first + (System.nanoTime() - startNanos) / 1_000_000;
      if (!hasData || next > due) {
        return false;
      }
      current = next++;
      return true;
    }

    @Override
    public Long getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public long getCurrentTimestampMillis() {
      return getCurrent() * 10;
    }

    @Override
    public long getWatermarkMillis() {
      return current == null ? Timestamps.MIN : current * 10;
    }

    @Override
    public UnboundedSource.CheckpointMark getCheckpointMark() {
      return new Mark(next);
    }

    @Override
    public void close() {}
  }

  static final class Format extends DoFn<Long, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.window() + "=" + c.element());
    }
  }

  @ParameterizedTest(name = "parallelism {0}, {1} empty split(s)")
  @CsvSource({
      "4, 0", // three instances without a split
      "2, 1", // one instance whose only split never has data
      "1, 1", // one instance reading the data split and a split that never has data
  })
  void windowsFireWhileTheSourceRuns(int parallelism, int emptySplits) throws Exception {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=flink",
        "--parallelism=" + parallelism, "--checkpointingInterval=200").create());
    PCollection<String> counts = p
        .apply(Read.from(new OneDataSplit(0, emptySplits)))
        .apply(Window.into(FixedWindows.of(Duration.ofSeconds(1))))
        .apply(Count.<Long>globally().withoutDefaults())
        .apply(ParDo.of(new Format()));
    String id = Collect.of(counts);
    PipelineResult result = p.run();
    try {
      // The source never ends: a window can only fire if the empty instances do not hold the
      // watermark back. Bounded wait so that a regression fails instead of hanging.
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (Collect.results(id).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } finally {
      result.cancel();
    }
    String first = new IntervalWindow(Instant.EPOCH, Instant.ofEpochSecond(1)) + "=100";
    assertThat(Collect.<String>results(id)).as("windows fired before the end of input")
        .isNotEmpty().contains(first);
  }
}
