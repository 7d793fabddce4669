package dev.millrace.io.internal;

import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keys each line with a shard number in {@code [0, numShards)}: round-robin from a random start per
 * bundle, so shards get about equal numbers of lines whatever the bundle sizes.
 */
public final class AssignShardFn extends DoFn<String, KV<Integer, String>>
    implements TextFileSinkSpec.Provider {
  private static final long serialVersionUID = 1L;

  private final WriteConfig config;
  private final int numShards;
  private transient int next;

  public AssignShardFn(WriteConfig config) {
    this.config = config;
    this.numShards = config.numShards();
  }

  @Override
  public TextFileSinkSpec textFileSink() {
    return config.toSinkSpec();
  }

  @Override
  public void startBundle(StartBundleContext c) {
    next = ThreadLocalRandom.current().nextInt(numShards);
  }

  @Override
  public void processElement(ProcessContext c) {
    c.output(KV.of(next, c.element()));
    next = next + 1 == numShards ? 0 : next + 1;
  }
}
