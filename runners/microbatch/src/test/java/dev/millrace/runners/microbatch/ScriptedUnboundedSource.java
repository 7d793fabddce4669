package dev.millrace.runners.microbatch;

import dev.millrace.coders.Coder;
import dev.millrace.coders.SerializableCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptions;
import dev.millrace.sources.UnboundedReader;
import dev.millrace.sources.UnboundedSource;
import dev.millrace.windowing.Timestamps;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test source with two splits: the data split emits {@code 0..count-1}, value {@code v} at
 * event time {@code v} seconds, then finishes (optionally with a pause: nothing is available
 * from value {@code pauseAt} on until the run id is in {@link #RESUMED}); the idle split never
 * emits anything and never finishes, its watermark following the wall clock (as an idle-timeout
 * estimator would). Every finalized mark is recorded in {@link #FINALIZED} under the run id and
 * split.
 */
final class ScriptedUnboundedSource extends UnboundedSource<Long, ScriptedUnboundedSource.Mark> {
  private static final long serialVersionUID = 1L;
  /** Finalized marks' positions, by "runId/split". */
  static final Map<String, List<Long>> FINALIZED = new ConcurrentHashMap<>();
  /** Run ids whose pause is over. */
  static final java.util.Set<String> RESUMED = ConcurrentHashMap.newKeySet();

  private final String runId;
  private final long count;
  private final long pauseAt;
  /** -1: both splits; 0: the data split; 1: the idle split. */
  private final int split;

  ScriptedUnboundedSource(String runId, long count) {
    this(runId, count, -1, -1);
  }

  /** Pauses before {@code pauseAt} until {@code RESUMED} holds the run id. */
  ScriptedUnboundedSource pausingAt(long newPauseAt) {
    return new ScriptedUnboundedSource(runId, count, newPauseAt, split);
  }

  private ScriptedUnboundedSource(String runId, long count, long pauseAt, int split) {
    this.runId = runId;
    this.count = count;
    this.pauseAt = pauseAt;
    this.split = split;
  }

  static List<Long> finalized(String runId, int split) {
    return FINALIZED.getOrDefault(runId + "/" + split, List.of());
  }

  /** A position: the next value of a split. */
  record Mark(String runId, int split, long next) implements CheckpointMark, Serializable {
    @Override
    public void finalizeCheckpoint() {
      FINALIZED.computeIfAbsent(runId + "/" + split, k -> new CopyOnWriteArrayList<>()).add(next);
    }
  }

  @Override
  public List<ScriptedUnboundedSource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(new ScriptedUnboundedSource(runId, count, pauseAt, 0),
        new ScriptedUnboundedSource(runId, count, pauseAt, 1));
  }

  @Override
  public UnboundedReader<Long> createReader(PipelineOptions options, Mark mark) {
    return new Reader(mark == null ? 0 : mark.next());
  }

  @Override
  public Coder<Mark> getCheckpointMarkCoder() {
    return SerializableCoder.of(Mark.class);
  }

  @Override
  public Coder<Long> getOutputCoder() {
    return VarLongCoder.of();
  }

  private final class Reader extends UnboundedReader<Long> {
    private long next;
    private long current = -1;
    private boolean exhausted;

    Reader(long next) {
      this.next = next;
    }

    @Override
    public boolean start() {
      return advance();
    }

    @Override
    public boolean advance() {
      if (next == pauseAt && !RESUMED.contains(runId)) {
        current = -1;
        return false;
      }
      if (split != 0 || next >= count) {
        exhausted = split == 0;
        current = -1;
        return false;
      }
      current = next++;
      return true;
    }

    @Override
    public Long getCurrent() {
      if (current < 0) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public long getCurrentTimestampMillis() {
      return getCurrent() * 1000;
    }

    @Override
    public long getWatermarkMillis() {
      if (split == 1) {
        return System.currentTimeMillis();
      }
      return exhausted ? Timestamps.MAX : next == 0 ? Timestamps.MIN : (next - 1) * 1000;
    }

    @Override
    public CheckpointMark getCheckpointMark() {
      return new Mark(runId, split, next);
    }

    @Override
    public void close() {}
  }
}
