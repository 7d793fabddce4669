package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.OutputManager;
import dev.millrace.runners.core.execution.DoFnPool;
import dev.millrace.runners.core.state.StatefulDoFnRunner;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.WindowedValue;
import java.util.HashMap;
import java.util.Map;

/**
 * One bundle of a stateful ParDo in one key partition at one batch boundary. The DoFn instance
 * (taken from the step's pool, set up on first use), the {@link StatefulDoFnRunner} and the task
 * carrying its outputs downstream are created only when the partition has work, on the first
 * call of {@link #runner()}; {@link #finish()} then finishes the bundle, returns the DoFn to the
 * pool and pushes the outputs on. Used by one thread.
 */
final class StatefulInvocation {
  private final MicroBatchExecutor ex;
  private final ParDoStep step;
  private BatchTask task;
  private DoFnPool pool;
  private DoFn<?, ?> fn;
  private StatefulDoFnRunner<Object, Object, Object> runner;

  StatefulInvocation(MicroBatchExecutor ex, ParDoStep step) {
    this.ex = ex;
    this.step = step;
  }

  /** The runner of this bundle, starting the bundle on the first call. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  StatefulDoFnRunner<Object, Object, Object> runner() {
    if (runner != null) {
      return runner;
    }
    task = new BatchTask(ex);
    Map<TupleTag<?>, Receiver> outs = new HashMap<>();
    step.outputs().forEach((tag, pc) -> outs.put(tag, task.receiverFor(pc)));
    OutputManager om = new OutputManager() {
      @Override
      public <T> void output(TupleTag<T> tag, WindowedValue<T> value) {
        Receiver r = outs.get(tag);
        if (r == null) {
          throw new IllegalArgumentException("output to the undeclared tag '" + tag + "'");
        }
        r.accept(value);
      }
    };
    pool = ex.doFnPool(step);
    fn = pool.pollIdle();
    boolean fresh = fn == null;
    if (fresh) {
      fn = pool.create();
    }
    runner = new StatefulDoFnRunner<>(step.name(), (DoFn) fn, ex.options(),
        (TupleTag) step.parDo().getMainOutputTag(), step.parDo().getAdditionalOutputTags(),
        step.input().getWindowingStrategy(), om, ex.metrics().forStep(step.name()));
    if (fresh) {
      runner.setup();
    }
    runner.startBundle();
    return runner;
  }

  /** Finishes the bundle (if one was started) and hands its outputs downstream. */
  void finish() {
    if (runner == null) {
      return;
    }
    runner.finishBundle();
    pool.release(fn);
    task.finish();
  }
}
