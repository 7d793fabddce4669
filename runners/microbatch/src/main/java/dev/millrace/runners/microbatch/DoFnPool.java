package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.SerializableUtils;
import dev.millrace.transforms.DoFn;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The DoFn instances of one step: deserialised copies of the user's DoFn, set up once, used by
 * one task at a time, reused across batches and torn down at the end of the run. (The same idea
 * as the direct runner's pool; runners do not share code except through runners/core.)
 */
final class DoFnPool {
  private final String stepName;
  private final byte[] serialized;
  private final Queue<DoFn<?, ?>> idle = new ConcurrentLinkedQueue<>();
  private final List<DoFn<?, ?>> all = new CopyOnWriteArrayList<>();

  DoFnPool(String stepName, DoFn<?, ?> fn) {
    this.stepName = stepName;
    this.serialized = SerializableUtils.serialize(fn, "the DoFn of step '" + stepName + "'");
  }

  /** An idle instance, or null when a new one must be created and set up. */
  DoFn<?, ?> pollIdle() {
    return idle.poll();
  }

  /** A new instance (not yet set up). */
  DoFn<?, ?> create() {
    DoFn<?, ?> fn = SerializableUtils.deserialize(serialized, "the DoFn of step '" + stepName + "'");
    all.add(fn);
    return fn;
  }

  void release(DoFn<?, ?> fn) {
    idle.add(fn);
  }

  List<DoFn<?, ?>> all() {
    return all;
  }
}
