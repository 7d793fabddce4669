package dev.millrace.runners.direct.state;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.PCollection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Test helper: collects a collection's elements (in arrival order) into an in-JVM list. */
final class Collect {
  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

  private Collect() {}

  static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=direct").create());
  }

  /** Applies a sink and returns the id under which the elements are collected. */
  static <T> String of(PCollection<T> pc) {
    String id = UUID.randomUUID().toString();
    RESULTS.put(id, Collections.synchronizedList(new ArrayList<>()));
    pc.apply("Collect" + id.substring(0, 8), ParDo.of(new Sink<T>(id)));
    return id;
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> results(String id) {
    return new ArrayList<>((List<T>) (List<?>) RESULTS.get(id));
  }

  static PipelineResult run(Pipeline p) {
    PipelineResult r = p.run();
    if (r.waitUntilFinish() != PipelineResult.State.DONE) {
      throw new AssertionError("pipeline ended in state " + r.getState());
    }
    return r;
  }

  private static final class Sink<T> extends DoFn<T, Void> {
    private final String id;

    Sink(String id) {
      this.id = id;
    }

    @Override
    public void processElement(ProcessContext c) {
      RESULTS.get(id).add(c.element());
    }
  }
}
