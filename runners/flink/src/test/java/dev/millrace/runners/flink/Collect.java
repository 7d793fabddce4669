package dev.millrace.runners.flink;

import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.PCollection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects a collection's elements into this JVM for assertions. Works on the MiniCluster because
 * its TaskManagers run in the test's JVM (static state is shared).
 */
final class Collect {
  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

  private Collect() {}

  static <T> String of(PCollection<T> pc) {
    String id = UUID.randomUUID().toString();
    RESULTS.put(id, Collections.synchronizedList(new ArrayList<>()));
    pc.apply("Collect", ParDo.of(new Sink<>(id)));
    return id;
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> results(String id) {
    return List.copyOf((List<T>) (List<?>) RESULTS.get(id));
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
