package dev.millrace.runners.direct;

import dev.millrace.runners.core.ExecutableStep.UnboundedReadStep;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.sources.UnboundedReader;
import dev.millrace.sources.UnboundedSource;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The direct runner's reading of one unbounded source split: each round reads what is available
 * (up to a bundle's worth) into the graph as one bundle, then finalizes the reader's checkpoint
 * mark (the bundle has been fully processed — the direct runner keeps no durable state, so there
 * is nothing else to commit) and records the reader's watermark.
 */
final class UnboundedReading {
  private static final int MAX_BUNDLE = 10_000;
  private static final long MAX_BUNDLE_MILLIS = 100;
  private final DirectExecutor ex;
  private final UnboundedReadStep step;
  private final UnboundedSource<?, ?> split;
  private final PCollection<?> output;
  private final Set<ByteBuffer> seenIds;
  private UnboundedReader<?> reader;
  private boolean started;
  private boolean hasCurrent;
  private volatile long watermark = Timestamps.MIN;

  UnboundedReading(DirectExecutor ex, UnboundedReadStep step, UnboundedSource<?, ?> split) {
    this.ex = ex;
    this.step = step;
    this.split = split;
    this.output = step.outputs().values().iterator().next();
    this.seenIds = split.requiresDeduping() ? new HashSet<>() : null;
  }

  /** The splits of a step's source, one reading each. */
  static List<UnboundedReading> of(DirectExecutor ex, UnboundedReadStep step) {
    List<UnboundedReading> out = new ArrayList<>();
    try {
      for (UnboundedSource<?, ?> s : step.source().split(ex.parallelism(), ex.options())) {
        out.add(new UnboundedReading(ex, step, s));
      }
    } catch (Exception e) {
      throw UserCodeException.forStep(step.name(), "splitting the source " + step.source(), e);
    }
    return out;
  }

  UnboundedReadStep step() {
    return step;
  }

  long watermark() {
    return watermark;
  }

  boolean isDone() {
    return watermark >= Timestamps.MAX;
  }

  /** A task reading one bundle; it sets {@code read[0]} to the number of elements read. */
  Callable<Void> readBundle(long[] read) {
    return () -> {
      read[0] = readOneBundle();
      return null;
    };
  }

  private long readOneBundle() {
    long count = 0;
    try {
      if (reader == null) {
        reader = split.createReader(ex.options(), null);
      }
      FusedTask task = new FusedTask(ex);
      Receiver out = task.receiverFor(output);
      long deadline = System.currentTimeMillis() + MAX_BUNDLE_MILLIS;
      while (count < MAX_BUNDLE && System.currentTimeMillis() < deadline) {
        if (!hasCurrent) {
          hasCurrent = started ? reader.advance() : reader.start();
          started = true;
        }
        if (!hasCurrent) {
          break;
        }
        hasCurrent = false;
        if (seenIds != null && !seenIds.add(ByteBuffer.wrap(reader.getCurrentRecordId()))) {
          continue;
        }
        out.accept(WindowedValue.timestampedValueInGlobalWindow(
            reader.getCurrent(), reader.getCurrentTimestampMillis()));
        count++;
      }
      task.finish();
      finalizeMark();
      watermark = Math.max(watermark, reader.getWatermarkMillis());
      if (isDone()) {
        reader.close();
      }
    } catch (UserCodeException e) {
      throw e;
    } catch (Exception e) {
      throw UserCodeException.forStep(step.name(), "reading " + split, e);
    }
    return count;
  }

  private void finalizeMark() {
    UnboundedSource.CheckpointMark mark = reader.getCheckpointMark();
    if (mark == null) {
      return;
    }
    try {
      mark.finalizeCheckpoint();
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(UnboundedReading.class)
          .warn("finalizing the checkpoint of step '{}' failed; continuing", step.name(), e);
    }
  }
}
