package dev.millrace.compliance.differential;

import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects a pipeline's output as canonical strings, in this JVM (so it serves in-process runners:
 * the direct runner, and embedded clusters of other runners).
 */
final class OutputSink {
  private static final Map<String, Queue<String>> SINKS = new ConcurrentHashMap<>();

  private OutputSink() {}

  /** A new, empty sink's id. */
  static String open() {
    String id = UUID.randomUUID().toString();
    SINKS.put(id, new ConcurrentLinkedQueue<>());
    return id;
  }

  /** Removes the sink and returns what it received, sorted. */
  static List<String> close(String id) {
    Queue<String> q = SINKS.remove(id);
    List<String> out = new ArrayList<>(q == null ? List.of() : q);
    out.sort(null);
    return out;
  }

  /** Writes each element's canonical text, with its timestamp and window, to a sink. */
  static final class CollectFn extends DoFn<KV<String, Long>, Void> {
    private final String sinkId;

    CollectFn(String sinkId) {
      this.sinkId = sinkId;
    }

    @Override
    public void processElement(ProcessContext c) {
      Queue<String> q = SINKS.get(sinkId);
      if (q == null) {
        throw new IllegalStateException("Output sink " + sinkId + " is not open in this JVM; the "
            + "differential tests need an in-process runner.");
      }
      q.add(Canonical.of(c.element().getKey(), c.element().getValue(),
          c.timestamp().toEpochMilli(), Canonical.window(c.window())));
    }
  }
}
