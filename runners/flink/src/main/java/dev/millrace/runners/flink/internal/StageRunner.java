package dev.millrace.runners.flink.internal;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.DoFnRunner;
import dev.millrace.runners.core.MetricsContainerImpl;
import dev.millrace.runners.core.OutputManager;
import dev.millrace.runners.core.SideInputReader;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a {@link StagePlan} on one Flink task: each element entering the stage flows synchronously
 * through the fused steps; elements reaching an exit go to the exit consumer. Bundles start with
 * the first element after a {@link #finishBundle()}; the operator finishes a bundle before
 * forwarding a watermark, before a checkpoint barrier, at the end of input and every
 * {@value #MAX_BUNDLE_SIZE} elements. Not thread-safe.
 */
final class StageRunner {
  static final int MAX_BUNDLE_SIZE = 1000;

  /** Receives the elements leaving the stage through exit {@code exit}. */
  interface Exits {
    void emit(int exit, WindowedValue<Object> value);
  }

  private final StagePlan plan;
  private final List<DoFnRunner<Object, Object>> runners = new ArrayList<>();
  private final List<Consumer<WindowedValue<Object>>> receivers = new ArrayList<>();
  private final Map<String, MetricsContainerImpl> metrics = new LinkedHashMap<>();
  private boolean inBundle;
  private int bundleSize;
  private Runnable afterBundle = () -> {};

  StageRunner(StagePlan plan, PipelineOptions options, SideInputReader sideInputs, Exits exits) {
    this.plan = plan;
    int collections = plan.consumers().size();
    List<Consumer<WindowedValue<Object>>> lazy = new ArrayList<>();
    for (int c = 0; c < collections; c++) {
      int id = c;
      lazy.add(v -> receiver(id).accept(v));
    }
    for (StagePlan.Node node : plan.nodes()) {
      metrics.put(node.stepName(), new MetricsContainerImpl(node.stepName()));
    }
    for (int c = 0; c < collections; c++) {
      receivers.add(buildReceiver(c, exits, options, sideInputs, lazy));
    }
  }

  private Consumer<WindowedValue<Object>> receiver(int id) {
    return receivers.get(id);
  }

  private Consumer<WindowedValue<Object>> buildReceiver(
      int id, Exits exits, PipelineOptions options, SideInputReader sideInputs,
      List<Consumer<WindowedValue<Object>>> lazy) {
    List<Consumer<WindowedValue<Object>>> targets = new ArrayList<>();
    for (int nodeIndex : plan.consumers().get(id)) {
      targets.add(nodeReceiver(plan.nodes().get(nodeIndex), options, sideInputs, lazy));
    }
    int exit = plan.exitOf()[id];
    if (exit >= 0) {
      targets.add(v -> exits.emit(exit, v));
    }
    if (targets.isEmpty()) {
      return v -> {};
    }
    if (targets.size() == 1) {
      return targets.get(0);
    }
    return v -> {
      for (Consumer<WindowedValue<Object>> t : targets) {
        t.accept(v);
      }
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Consumer<WindowedValue<Object>> nodeReceiver(
      StagePlan.Node node, PipelineOptions options, SideInputReader sideInputs,
      List<Consumer<WindowedValue<Object>>> lazy) {
    if (node instanceof StagePlan.AssignNode a) {
      Consumer<WindowedValue<Object>> out = lazy.get(a.output());
      WindowFn<BoundedWindow> fn = (WindowFn<BoundedWindow>) a.windowFn();
      if (fn == null) {
        return out;
      }
      return v -> {
        Collection<BoundedWindow> windows;
        try {
          windows = fn.assignWindows(v.timestamp());
        } catch (RuntimeException e) {
          throw UserCodeException.forElement(a.stepName(), "assignWindows", v.value(), e);
        }
        if (!windows.isEmpty()) {
          out.accept(WindowedValue.of(v.value(), v.timestamp(), windows, v.pane()));
        }
      };
    }
    StagePlan.ParDoNode p = (StagePlan.ParDoNode) node;
    Map<TupleTag<?>, Consumer<WindowedValue<Object>>> outs = new HashMap<>();
    p.outputs().forEach((tag, id) -> outs.put(tag, lazy.get(id)));
    OutputManager om = outs.size() == 1 ? singleOutput(outs) : new OutputManager() {
      @Override
      public <T> void output(TupleTag<T> tag, WindowedValue<T> value) {
        Consumer<WindowedValue<Object>> r = outs.get(tag);
        if (r != null) {
          r.accept((WindowedValue<Object>) value);
        }
      }
    };
    // Flink deserialises the operator, hence the plan and its DoFns, once per parallel instance.
    DoFn<Object, Object> fn = (DoFn<Object, Object>) p.fn();
    DoFnRunner<Object, Object> runner = new DoFnRunner<>(p.stepName(), fn, options,
        (TupleTag<Object>) p.mainTag(), (List) p.additionalTags(), om, sideInputs,
        metrics.get(p.stepName()));
    runners.add(runner);
    return runner::processElement;
  }

  /** The outputs of a ParDo with one consumed output: no map lookup per element. */
  @SuppressWarnings("unchecked")
  private static OutputManager singleOutput(Map<TupleTag<?>, Consumer<WindowedValue<Object>>> outs) {
    Map.Entry<TupleTag<?>, Consumer<WindowedValue<Object>>> only = outs.entrySet().iterator().next();
    TupleTag<?> onlyTag = only.getKey();
    Consumer<WindowedValue<Object>> receiver = only.getValue();
    return new OutputManager() {
      @Override
      public <T> void output(TupleTag<T> tag, WindowedValue<T> value) {
        if (tag == onlyTag || onlyTag.equals(tag)) {
          receiver.accept((WindowedValue<Object>) value);
        }
      }
    };
  }

  /** Runs {@code action} after every finished bundle (e.g. to publish new metrics). */
  void afterBundle(Runnable action) {
    this.afterBundle = action;
  }

  /** The metrics containers of the stage's steps, by step name. */
  Map<String, MetricsContainerImpl> metrics() {
    return metrics;
  }

  void setup() {
    for (DoFnRunner<Object, Object> r : runners) {
      r.setup();
    }
  }

  /** Processes one element entering the stage. */
  void process(WindowedValue<Object> element) {
    if (!inBundle) {
      for (DoFnRunner<Object, Object> r : runners) {
        r.startBundle();
      }
      inBundle = true;
    }
    receivers.get(0).accept(element);
    if (++bundleSize >= MAX_BUNDLE_SIZE) {
      finishBundle();
    }
  }

  /** Finishes the current bundle, if one is open, in topological order. */
  void finishBundle() {
    if (!inBundle) {
      return;
    }
    inBundle = false;
    bundleSize = 0;
    for (DoFnRunner<Object, Object> r : runners) {
      r.finishBundle();
    }
    afterBundle.run();
  }

  void teardown() {
    for (DoFnRunner<Object, Object> r : runners) {
      r.teardown();
    }
  }
}
