package dev.millrace.compliance.scenario;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where {@link CaptureFn} puts the panes of a scenario run: an in-JVM registry keyed by a run id,
 * so that runners executing in this JVM (on any thread) hand the output back to the scenario
 * command.
 */
public final class CaptureRegistry {
  private static final Map<String, Queue<ActualPane>> RUNS = new ConcurrentHashMap<>();

  private CaptureRegistry() {}

  /** Starts a run and returns its id. */
  public static String open() {
    String id = UUID.randomUUID().toString();
    RUNS.put(id, new ConcurrentLinkedQueue<>());
    return id;
  }

  /** Records a pane of a run. */
  static void record(String runId, ActualPane pane) {
    Queue<ActualPane> q = RUNS.get(runId);
    Preconditions.checkState(q != null, "no open scenario run %s (was it closed already?)", runId);
    q.add(pane);
  }

  /** Ends a run and returns everything recorded for it. */
  public static List<ActualPane> close(String runId) {
    Queue<ActualPane> q = RUNS.remove(runId);
    return q == null ? List.of() : new ArrayList<>(q);
  }
}
