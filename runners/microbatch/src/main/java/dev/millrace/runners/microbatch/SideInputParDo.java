package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.values.PCollectionView;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A ParDo with side inputs: its input waits until every side input it reads is ready for the
 * element's window, then runs in parallel chunks at a batch boundary. Its output watermark is
 * held at the earliest waiting element; waiting elements are part of the checkpoint.
 */
final class SideInputParDo implements Boundary {
  private final MicroBatchExecutor ex;
  private final ParDoStep step;
  private final WindowedValueCodec codec;
  private final List<WindowedValue<?>> waiting = new ArrayList<>();

  SideInputParDo(MicroBatchExecutor ex, ParDoStep step) {
    this.ex = ex;
    this.step = step;
    this.codec = new WindowedValueCodec(step.input());
  }

  @Override
  public Receiver inputReceiver(BatchTask task) {
    List<WindowedValue<?>> local = new ArrayList<>();
    task.onFinish(() -> {
      synchronized (waiting) {
        waiting.addAll(local);
      }
      local.clear();
    });
    return local::add;
  }

  private boolean ready(WindowedValue<?> v) {
    for (PCollectionView<?> view : step.sideInputs()) {
      for (BoundedWindow w : v.windows()) {
        if (!ex.views().isReady(view, w)) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public List<Callable<Void>> fire(long inputWatermark, long processingTime) {
    List<WindowedValue<?>> now = new ArrayList<>();
    synchronized (waiting) {
      List<WindowedValue<?>> later = new ArrayList<>();
      for (WindowedValue<?> v : waiting) {
        (ready(v) ? now : later).add(v);
      }
      waiting.clear();
      waiting.addAll(later);
    }
    List<Callable<Void>> tasks = new ArrayList<>();
    int chunks = Math.max(1, Math.min(ex.parallelism() * 2, now.size() / 256 + 1));
    int size = Math.max(1, (now.size() + chunks - 1) / chunks);
    for (int from = 0; from < now.size(); from += size) {
      List<WindowedValue<?>> chunk = now.subList(from, Math.min(now.size(), from + size));
      tasks.add(() -> {
        BatchTask task = new BatchTask(ex);
        Receiver r = task.parDoReceiver(step, ex.views());
        for (WindowedValue<?> v : chunk) {
          r.accept(v);
        }
        task.finish();
        return null;
      });
    }
    return tasks;
  }

  @Override
  public long outputWatermark(long inputWatermark) {
    long hold = Timestamps.MAX;
    synchronized (waiting) {
      for (WindowedValue<?> v : waiting) {
        hold = Math.min(hold, v.timestamp());
      }
    }
    return Math.min(inputWatermark, hold);
  }

  @Override
  public boolean hasPending() {
    synchronized (waiting) {
      return !waiting.isEmpty();
    }
  }

  @Override
  public void snapshot(DataOutputStream out) throws IOException {
    synchronized (waiting) {
      out.writeInt(waiting.size());
      for (WindowedValue<?> v : waiting) {
        codec.encode(v, out);
      }
    }
  }

  @Override
  public void restore(DataInputStream in) throws IOException {
    synchronized (waiting) {
      waiting.clear();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        waiting.add(codec.decode(in));
      }
    }
  }
}
