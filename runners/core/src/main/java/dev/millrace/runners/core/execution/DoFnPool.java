package dev.millrace.runners.core.execution;

import dev.millrace.runners.core.SerializableUtils;
import dev.millrace.transforms.DoFn;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The DoFn instances of one step: each is a deserialised copy of the user's DoFn (as a worker
 * would get), set up once, used by one thread at a time, reused across bundles and torn down at
 * the end of the pipeline. Shared by the in-process runners.
 */
public final class DoFnPool {
  private final String stepName;
  private final byte[] serialized;
  private final Queue<DoFn<?, ?>> idle = new ConcurrentLinkedQueue<>();
  private final List<DoFn<?, ?>> all = new CopyOnWriteArrayList<>();

  public DoFnPool(String stepName, DoFn<?, ?> fn) {
    this.stepName = stepName;
    this.serialized = SerializableUtils.serialize(fn, "the DoFn of step '" + stepName + "'");
  }

  /** An idle instance, or null when a new one must be created and set up. */
  public DoFn<?, ?> pollIdle() {
    return idle.poll();
  }

  /** A new instance (not yet set up). */
  public DoFn<?, ?> create() {
    DoFn<?, ?> fn = SerializableUtils.deserialize(serialized, "the DoFn of step '" + stepName + "'");
    all.add(fn);
    return fn;
  }

  public void release(DoFn<?, ?> fn) {
    idle.add(fn);
  }

  public List<DoFn<?, ?>> all() {
    return all;
  }
}
