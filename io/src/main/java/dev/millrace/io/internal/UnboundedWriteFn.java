package dev.millrace.io.internal;

import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.transforms.DoFn;

/**
 * The expansion of a text write of an unbounded collection. Runners with a transactional file
 * sink replace it (see {@link TextFileSinkSpec}); any other runner fails when it starts the step,
 * because files of a collection that never ends could never be finalized.
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
        + " got an unbounded collection, which only a runner that commits files with its "
        + "checkpoints can write (--runner=flink with --checkpointingInterval=<ms>). On this "
        + "runner, write a bounded collection, e.g. one bounded with GenerateSequence.to(..) "
        + "without a rate.");
  }

  @Override
  public void processElement(ProcessContext c) {
    setup();
  }
}
