package dev.millrace.runners.direct;

import dev.millrace.transforms.DoFn;
import dev.millrace.values.PCollection;
import dev.millrace.transforms.ParDo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Test helper: collects a collection's elements into an in-JVM list (the direct runner is in-process). */
final class Collect {
  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

  private Collect() {}

  /** Applies a sink and returns the id under which the elements are collected. */
  static <T> String of(PCollection<T> pc) {
    String id = UUID.randomUUID().toString();
    RESULTS.put(id, java.util.Collections.synchronizedList(new ArrayList<>()));
    pc.apply("Collect" + id.substring(0, 8), ParDo.of(new Sink<T>(id)));
    return id;
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> results(String id) {
    return new ArrayList<>((List<T>) (List<?>) RESULTS.get(id));
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
