package dev.millrace.runners.direct;

import dev.millrace.runners.core.execution.DoFnPool;
import dev.millrace.coders.Coder;
import dev.millrace.runners.core.DoFnRunner;
import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.AssignWindowsStep;
import dev.millrace.runners.core.ExecutableStep.FlattenStep;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.ExecutableStep.ViewStep;
import dev.millrace.runners.core.OutputManager;
import dev.millrace.runners.core.SideInputReader;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.sources.BoundedReader;
import dev.millrace.sources.BoundedSource;
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

/**
 * One unit of work on one thread: a bundle entering the graph at some collection (a source split,
 * or the output of a boundary step) and flowing through every fused element-wise step downstream,
 * up to the next boundaries. Builds its receivers (DoFn runners, window assignment, flattens,
 * boundary writers) once, calls {@code startBundle} on entry and {@code finishBundle} at the end in
 * topological order.
 */
final class FusedTask {
  private final DirectExecutor ex;
  private final Map<PCollection<?>, Receiver> receivers = new IdentityHashMap<>();
  private final Map<ExecutableStep, Receiver> stepReceivers = new IdentityHashMap<>();
  private final TreeMap<Integer, Started> started = new TreeMap<>();
  private final List<Runnable> flushers = new ArrayList<>();

  private record Started(DoFnRunner<?, ?> runner, DoFnPool pool) {}

  FusedTask(DirectExecutor ex) {
    this.ex = ex;
  }

  /** Reads a source split into the graph. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void runRead(ExecutableStep.ReadStep step, BoundedSource<?> split) throws Exception {
    Receiver out = receiverFor(step.outputs().values().iterator().next());
    long count = 0;
    try (BoundedReader<?> reader = split.createReader(ex.options())) {
      for (boolean more = reader.start(); more; more = reader.advance()) {
        out.accept(WindowedValue.timestampedValueInGlobalWindow(
            reader.getCurrent(), reader.getCurrentTimestampMillis()));
        if ((++count & 1023) == 0) {
          ex.checkCancelled();
        }
      }
    } catch (UserCodeException e) {
      throw e;
    } catch (Exception e) {
      throw UserCodeException.forStep(step.name(), "reading " + split, e);
    }
    finish();
  }

  /** The receiver that feeds every consumer of the collection. */
  Receiver receiverFor(PCollection<?> pc) {
    Receiver r = receivers.get(pc);
    if (r != null) {
      return r;
    }
    List<ExecutableStep> consumers = ex.graph().consumersOf(pc);
    List<Receiver> targets = new ArrayList<>();
    for (ExecutableStep s : consumers) {
      targets.add(stepReceiver(s));
    }
    Receiver fanOut;
    if (targets.isEmpty()) {
      fanOut = Receiver.DISCARD;
    } else if (targets.size() == 1) {
      fanOut = targets.get(0);
    } else {
      Receiver[] all = targets.toArray(new Receiver[0]);
      fanOut = v -> {
        for (Receiver t : all) {
          t.accept(v);
        }
      };
    }
    if (ex.options().isEnforceEncodability()) {
      fanOut = ModelChecks.encodability(pc, fanOut);
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
    return v -> {
      Collection<BoundedWindow> windows;
      try {
        windows = fn.assignWindows(v.timestamp());
      } catch (RuntimeException e) {
        throw UserCodeException.forElement(a.name(), "assignWindows", v.value(), e);
      }
      if (windows.isEmpty()) {
        // The window function put the element in no window (e.g. between sliding windows whose
        // period exceeds their size): as in Beam, it belongs to no window and is not emitted.
        return;
      }
      out.accept(WindowedValue.of(v.value(), v.timestamp(), windows, v.pane()));
    };
  }

  /** The receiver running the ParDo's DoFn in this task. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Receiver parDoReceiver(ParDoStep p, SideInputReader sideInputs) {
    Map<TupleTag<?>, Receiver> outs = new HashMap<>();
    p.outputs().forEach((tag, pc) -> outs.put(tag, receiverFor(pc)));
    ModelChecks.OutputRecorder recorder =
        ex.options().isEnforceImmutability() ? new ModelChecks.OutputRecorder(p) : null;
    OutputManager om = new OutputManager() {
      @Override
      public <T> void output(TupleTag<T> tag, WindowedValue<T> value) {
        Receiver r = outs.get(tag);
        if (r == null) {
          throw new IllegalArgumentException("output to the undeclared tag '" + tag + "'");
        }
        if (recorder != null) {
          recorder.record(tag, value.value());
        }
        r.accept(value);
      }
    };
    DoFnPool pool = ex.doFnPool(p);
    DoFn fn = pool.pollIdle();
    boolean fresh = fn == null;
    if (fresh) {
      fn = pool.create();
    }
    DoFnRunner runner = new DoFnRunner(
        p.name(), fn, ex.options(), p.parDo().getMainOutputTag(), p.parDo().getAdditionalOutputTags(),
        om, sideInputs, ex.metrics().forStep(p.name()));
    if (fresh) {
      runner.setup();
    }
    runner.startBundle();
    started.put(ex.indexOf(p), new Started(runner, pool));
    if (recorder == null) {
      return runner::processElement;
    }
    Coder inputCoder = p.input().getCoder();
    return v -> ModelChecks.processChecked(p, inputCoder, runner, recorder, v);
  }

  /** Registers work to do at the end of the task (e.g. flushing a pre-combiner). */
  void onFinish(Runnable flusher) {
    flushers.add(flusher);
  }

  /** Finishes every started DoFn in topological order, then flushes boundary writers. */
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
