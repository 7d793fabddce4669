package dev.millrace.io.internal;

import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.transforms.DoFn;

/**
 * The expansion of a text write of an unbounded collection that never ends. It does not write
 * anything itself: a runner with a file sink of its own runs that sink instead of this step (see
 * {@link TextFileSinkSpec}), committing files part by part. The built-in runners all do: the
 * Flink runner commits with its checkpoints, the micro-batch runner per batch (exactly once with
 * {@code --checkpointDir}), the direct runner about once a second without recovery. Any other
 * runner fails when it starts this step, because files of a collection that never ends could
 * never be finalized otherwise.
 */
public final class UnboundedWriteFn extends DoFn<String, Void>
    implements TextFileSinkSpec.Provider {
  private static final long serialVersionUID = 1L;

  private final WriteConfig config;

  public UnboundedWriteFn(WriteConfig config) {
    this.config = config;
  }

  @Override
  public TextFileSinkSpec textFileSink() {
    return config.toSinkSpec();
  }

  @Override
  public void setup() {
    throw new UnsupportedOperationException("TextIO.write() to " + config.describe()
        + " got an unbounded collection, which only a runner with a file sink of its own can "
        + "write (it commits files part by part while the input goes on); this runner has none. "
        + "Use --runner=microbatch (exactly once with --checkpointDir=<dir>), --runner=flink "
        + "(with --checkpointingInterval=<ms>) or --runner=direct, or write a bounded "
        + "collection, e.g. one bounded with GenerateSequence.to(..) without a rate.");
  }

  @Override
  public void processElement(ProcessContext c) {
    setup();
  }
}
