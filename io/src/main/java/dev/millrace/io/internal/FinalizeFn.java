package dev.millrace.io.internal;

import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs once, on the single group of a GroupByKey over a constant key that holds every temporary
 * file result plus one marker (so it runs even when nothing was written), and moves the files to
 * their final names with {@link ShardFinalizer}.
 */
public final class FinalizeFn extends DoFn<KV<Integer, Iterable<KV<Integer, String>>>, Void> {
  private static final long serialVersionUID = 1L;

  /** The shard number of the marker element that guarantees the group exists. */
  public static final int MARKER = -2;

  private final WriteConfig config;

  public FinalizeFn(WriteConfig config) {
    this.config = config;
  }

  @Override
  public void processElement(ProcessContext c) throws Exception {
    List<KV<Integer, String>> results = new ArrayList<>();
    for (KV<Integer, String> r : c.element().getValue()) {
      if (r.getKey() != MARKER) {
        results.add(r);
      }
    }
    ShardFinalizer.finalizeFiles(config, results);
  }
}
