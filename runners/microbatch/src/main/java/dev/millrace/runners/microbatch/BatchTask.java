package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.execution.DoFnPool;
import dev.millrace.runners.core.DoFnRunner;
import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.AssignWindowsStep;
import dev.millrace.runners.core.ExecutableStep.FlattenStep;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.ExecutableStep.ViewStep;
import dev.millrace.runners.core.ValueOutputManager;
import dev.millrace.runners.core.SideInputReader;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.PCollection;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One unit of work of a batch, on one thread: elements entering the graph at some collection (a
 * source split's share of the batch, or a boundary's output) and flowing through every fused
 * element-wise step downstream, up to the next boundaries. Receivers are built once per task;
 * {@code startBundle} is called on entry and {@code finishBundle} at the end, in topological
 * order, so each task is one bundle.
 */
final class BatchTask {
  private final MicroBatchExecutor ex;
  private final Map<PCollection<?>, Receiver> receivers = new IdentityHashMap<>();
  private final Map<ExecutableStep, Receiver> stepReceivers = new IdentityHashMap<>();
  private final TreeMap<Integer, Started> started = new TreeMap<>();
  private final List<Runnable> flushers = new ArrayList<>();

  private record Started(DoFnRunner<?, ?> runner, DoFnPool pool) {}

  BatchTask(MicroBatchExecutor ex) {
    this.ex = ex;
  }

  /** The receiver that feeds every consumer of the collection. */
  Receiver receiverFor(PCollection<?> pc) {
    Receiver r = receivers.get(pc);
    if (r != null) {
      return r;
    }
    List<Receiver> targets = new ArrayList<>();
    for (ExecutableStep s : ex.graph().consumersOf(pc)) {
      targets.add(stepReceiver(s));
    }
    Receiver fanOut;
    if (targets.isEmpty()) {
      fanOut = Receiver.DISCARD;
    } else if (targets.size() == 1) {
      fanOut = targets.get(0);
    } else {
      ValueReceiver[] all = targets.stream().map(ValueReceiver::of).toArray(ValueReceiver[]::new);
      fanOut = ValueReceiver.of(v -> {
        for (ValueReceiver t : all) {
          t.accept(v);
        }
      }, (value, meta) -> {
        for (ValueReceiver t : all) {
          t.acceptValue(value, meta);
        }
      });
    }
    receivers.put(pc, fanOut);
    return fanOut;
  }

  private Receiver stepReceiver(ExecutableStep s) {
    Receiver r = stepReceivers.get(s);
    if (r != null) {
      return r;
    }
    Boundary b = ex.boundary(s);
    if (b != null) {
      r = b.inputReceiver(this);
    } else if (s instanceof ParDoStep p) {
      r = parDoReceiver(p, ex.views());
    } else if (s instanceof FlattenStep f) {
      r = receiverFor(f.outputs().values().iterator().next());
    } else if (s instanceof AssignWindowsStep a) {
      r = assignReceiver(a);
    } else if (s instanceof ViewStep v) {
      r = value -> {
        for (BoundedWindow w : value.windows()) {
          ex.views().add(v.view(), w, value.value());
        }
      };
    } else {
      throw new IllegalStateException("no receiver for step " + s.name());
    }
    LongAdder sink = ex.sinkCounter(s);
    if (sink != null) {
      ValueReceiver inner = ValueReceiver.of(r);
      long[] local = new long[1]; // task-local: one thread
      flushers.add(() -> {
        sink.add(local[0]);
        local[0] = 0;
      });
      r = ValueReceiver.of(v -> {
        local[0]++;
        inner.accept(v);
      }, (value, meta) -> {
        local[0]++;
        inner.acceptValue(value, meta);
      });
    }
    stepReceivers.put(s, r);
    return r;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Receiver assignReceiver(AssignWindowsStep a) {
    Receiver out = receiverFor(a.outputs().values().iterator().next());
    WindowFn fn = a.windowFn();
    if (fn == null) {
      return out;
    }
    ValueReceiver.Values assign = (value, meta) -> {
      Collection<BoundedWindow> windows;
      try {
        windows = fn.assignWindows(meta.timestamp());
      } catch (RuntimeException e) {
        throw UserCodeException.forElement(a.name(), "assignWindows", value, e);
      }
      if (windows.isEmpty()) {
        // In no window (e.g. between sliding windows whose period exceeds their size): dropped,
        // as in Beam.
        return;
      }
      out.accept(WindowedValue.of(value, meta.timestamp(), windows, meta.pane()));
    };
    return ValueReceiver.of(v -> assign.accept(v.value(), v), assign);
  }

  /** The receiver running the ParDo's DoFn in this task. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Receiver parDoReceiver(ParDoStep p, SideInputReader sideInputs) {
    Map<TupleTag<?>, ValueReceiver> outs = new HashMap<>();
    p.outputs().forEach((tag, pc) -> outs.put(tag, ValueReceiver.of(receiverFor(pc))));
    TupleTag<?> mainTag = p.parDo().getMainOutputTag();
    ValueReceiver mainOut = outs.get(mainTag);
    ValueOutputManager om = new ValueOutputManager() {
      @Override
      public <T> void output(TupleTag<T> tag, WindowedValue<T> value) {
        target(tag).accept(value);
      }

      @Override
      public <T> void outputValue(TupleTag<T> tag, T value, WindowedValue<?> metadata) {
        target(tag).acceptValue(value, metadata);
      }

      private ValueReceiver target(TupleTag<?> tag) {
        if (tag == mainTag && mainOut != null) {
          return mainOut;
        }
        ValueReceiver r = outs.get(tag);
        if (r == null) {
          throw new IllegalArgumentException("output to the undeclared tag '" + tag + "'");
        }
        return r;
      }
    };
    DoFnPool pool = ex.doFnPool(p);
    DoFn fn = pool.pollIdle();
    boolean fresh = fn == null;
    if (fresh) {
      fn = pool.create();
    }
    DoFnRunner runner = new DoFnRunner(
        p.name(), fn, ex.options(), p.parDo().getMainOutputTag(),
        p.parDo().getAdditionalOutputTags(), om, sideInputs, ex.metrics().forStep(p.name()));
    if (fresh) {
      runner.setup();
    }
    runner.startBundle();
    started.put(ex.indexOf(p), new Started(runner, pool));
    return ValueReceiver.of(runner::processElement, runner::processValue);
  }

  /** Registers work to do at the end of the task (e.g. handing buffered input to a boundary). */
  void onFinish(Runnable flusher) {
    flushers.add(flusher);
  }

  /** Finishes every started DoFn in topological order, then runs the flushers. */
  void finish() {
    for (Started s : started.values()) {
      s.runner().finishBundle();
    }
    for (Started s : started.values()) {
      s.pool().release(s.runner().getFn());
    }
    started.clear();
    for (Runnable f : flushers) {
      f.run();
    }
  }
}
