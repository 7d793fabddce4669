package dev.millrace.runners.flink;

import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptions;

/**
 * Options of the Flink runner ({@code --runner=flink}), named as in Beam's Flink runner.
 *
 * <p>{@code --flinkMaster=[local]} (the default) runs the job on an embedded Flink MiniCluster in
 * this JVM (or on the cluster of the surrounding Flink test environment);
 * {@code --flinkMaster=host:port} submits it over REST to a running Flink 2.3 cluster, shipping
 * the jars listed in {@code --filesToStage}.
 */
public interface FlinkOptions extends PipelineOptions {
  @Description("Where to run: [local] for an embedded MiniCluster (the default), or host:port of "
      + "a Flink JobManager's REST endpoint.")
  @Default.String("[local]")
  String getFlinkMaster();

  void setFlinkMaster(String value);

  @Description("The parallelism of every operator; -1 uses Flink's default (the number of "
      + "cores for [local]).")
  @Default.Integer(-1)
  int getParallelism();

  void setParallelism(int value);

  @Description("The maximum parallelism (the number of key groups) for keyed state; -1 uses "
      + "Flink's default. Fix it before taking savepoints you want to rescale from.")
  @Default.Integer(-1)
  int getMaxParallelism();

  void setMaxParallelism(int value);

  @Description("Checkpoint every this many milliseconds (streaming jobs only); -1 disables "
      + "checkpointing. With checkpointing, failed jobs restart from the last checkpoint.")
  @Default.Long(-1)
  long getCheckpointingInterval();

  void setCheckpointingInterval(long value);

  @Description("Where Flink keeps keyed state: hashmap (objects on the JVM heap; fastest, "
      + "bounded by memory) or rocksdb (serialized in embedded RocksDB on local disk; state can "
      + "outgrow memory; shipped with the runner).")
  @Default.String("hashmap")
  String getStateBackend();

  void setStateBackend(String value);

  @Description("Run in Flink's STREAMING mode even if every collection is bounded (bounded "
      + "pipelines otherwise run in BATCH mode).")
  @Default.Boolean(false)
  boolean isStreaming();

  void setStreaming(boolean value);

  @Description("How often a failed job is restarted (fixed delay of 1 s); -1 means 3 times when "
      + "checkpointing is on and never otherwise.")
  @Default.Integer(-1)
  int getNumberOfExecutionRetries();

  void setNumberOfExecutionRetries(int value);

  @Description("Comma-separated jars to ship with the job to a remote cluster (--flinkMaster="
      + "host:port): the pipeline's own jar and any dependency the cluster does not have.")
  @Default.String("")
  String getFilesToStage();

  void setFilesToStage(String value);
}
