package dev.millrace.runners.microbatch;

import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptions;
import java.time.Duration;

/**
 * Options of the micro-batch runner ({@code --runner=microbatch}).
 *
 * <p>A batch reads from every source until {@code --maxBatchSize} records were read or
 * {@code --batchInterval} has passed since the batch started, whichever comes first; then the
 * batch is processed, watermarks advance and due timers fire. With {@code --checkpointDir} the
 * runner commits its whole progress at the end of every batch and resumes from the last commit
 * when restarted with the same pipeline and flags.
 */
public interface MicroBatchOptions extends PipelineOptions {
  @Description("The longest time a batch spends reading input before it is processed "
      + "(e.g. PT0.5S or 500 for milliseconds).")
  @Default.String("PT0.5S")
  Duration getBatchInterval();

  void setBatchInterval(Duration value);

  @Description("The most records a batch reads from all sources together; 0 means no limit "
      + "(only --batchInterval ends the reading).")
  @Default.Integer(0)
  int getMaxBatchSize();

  void setMaxBatchSize(int value);

  @Description("A directory where the runner commits state, timers, watermarks and source "
      + "positions at the end of every batch; a run restarted with the same flags resumes from "
      + "the last commit. Unset: no checkpoints.")
  String getCheckpointDir();

  void setCheckpointDir(String value);

  @Description("How many threads process a batch; 0 means one per available core. A restart "
      + "from a checkpoint must use the same value.")
  @Default.Integer(0)
  int getParallelism();

  void setParallelism(int value);

  @Description("Whether a Combine.perKey over bounded input with the default trigger and "
      + "non-merging windows pre-combines values per key and window in each batch task and keeps "
      + "one accumulator per key and window until its input is complete, instead of passing "
      + "every element through the windowing core. The results are the same; false is for "
      + "diagnosis. A restart from a checkpoint must use the same value.")
  @Default.Boolean(true)
  boolean getPreCombine();

  void setPreCombine(boolean value);
}
