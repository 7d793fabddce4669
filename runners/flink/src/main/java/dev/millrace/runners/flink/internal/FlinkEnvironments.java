package dev.millrace.runners.flink.internal;

import dev.millrace.runners.flink.FlinkOptions;
import dev.millrace.runners.flink.cluster.internal.JobJars;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Creates the Flink execution environment that {@link FlinkOptions} describe. {@code [local]}
 * uses the surrounding context environment when there is one (a job started with 'flink run', a
 * Flink test cluster), otherwise one MiniCluster shared by all jobs of this JVM.
 */
public final class FlinkEnvironments {
  /** The class Flink instantiates for {@code state.backend.type: rocksdb}. */
  private static final String ROCKSDB_FACTORY =
      "org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackendFactory";

  private FlinkEnvironments() {}

  /** The environment for a job; {@code batch} selects Flink's BATCH execution mode. */
  public static StreamExecutionEnvironment create(FlinkOptions options, boolean batch) {
    Configuration conf = new Configuration();
    conf.set(ExecutionOptions.RUNTIME_MODE,
        batch ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
    conf.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
    conf.set(org.apache.flink.configuration.PipelineOptions.OBJECT_REUSE, true);
    conf.set(StateBackendOptions.STATE_BACKEND, stateBackend(options.getStateBackend()));
    boolean checkpointing = !batch && options.getCheckpointingInterval() > 0;
    if (checkpointing) {
      conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL,
          Duration.ofMillis(options.getCheckpointingInterval()));
    }
    int retries = options.getNumberOfExecutionRetries();
    if (retries < 0) {
      retries = checkpointing ? 3 : 0;
    }
    if (retries == 0) {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    } else {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, retries);
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
    }
    StreamExecutionEnvironment env = environment(options, conf);
    env.configure(conf);
    if (options.getParallelism() > 0) {
      env.setParallelism(options.getParallelism());
    }
    if (options.getMaxParallelism() > 0) {
      env.setMaxParallelism(options.getMaxParallelism());
    }
    return env;
  }

  private static StreamExecutionEnvironment environment(FlinkOptions options, Configuration conf) {
    String master = options.getFlinkMaster().trim();
    if (master.isEmpty() || master.equals("[local]") || master.equals("[auto]")) {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      if (!(env instanceof LocalStreamEnvironment)) {
        return env; // a context environment: inside 'flink run' or a Flink test cluster
      }
      int parallelism = options.getParallelism() > 0
          ? options.getParallelism() : Runtime.getRuntime().availableProcessors();
      StreamExecutionEnvironment shared = SharedLocalCluster.environment(parallelism, conf);
      shared.setParallelism(parallelism);
      return shared;
    }
    int colon = master.lastIndexOf(':');
    if (colon <= 0 || colon == master.length() - 1) {
      throw new IllegalArgumentException("--flinkMaster=" + master + " is neither [local] nor "
          + "host:port (e.g. --flinkMaster=127.0.0.1:8081, the JobManager's REST port)");
    }
    int port;
    try {
      port = Integer.parseInt(master.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--flinkMaster=" + master + " has no valid port; use "
          + "host:port, e.g. --flinkMaster=127.0.0.1:8081", e);
    }
    String host = master.substring(0, colon);
    String[] jars = JobJars.toStage(options.getFilesToStage(), host, port).toArray(String[]::new);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createRemoteEnvironment(host, port, conf, jars);
    env.registerJobListener(new SubmissionReport(host, port, jars.length));
    return env;
  }

  /** Prints the job id and where to watch it once a job reached a remote cluster. */
  private record SubmissionReport(String host, int port, int jars) implements JobListener {
    @Override
    public void onJobSubmitted(JobClient client, Throwable failure) {
      if (client != null) {
        String web = "http://" + host + ":" + port;
        System.err.println("millrace: submitted Flink job " + client.getJobID() + " to " + host
            + ":" + port + " (" + jars + " jars shipped); Web UI: " + web + "/#/job/running/"
            + client.getJobID() + "/overview");
      }
    }

    @Override
    public void onJobExecuted(JobExecutionResult result, Throwable failure) {}
  }

  /**
   * The value of Flink's {@code state.backend.type} for {@code --stateBackend}. Flink 2.x maps
   * "rocksdb" to {@link #ROCKSDB_FACTORY}, which lives in flink-statebackend-rocksdb (a runtime
   * dependency of this runner); the check turns a build that dropped that jar into a clear error
   * before the job is submitted instead of a failure inside Flink.
   */
  private static String stateBackend(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("hashmap")) {
      return "hashmap";
    }
    if (n.equals("rocksdb")) {
      try {
        Class.forName(ROCKSDB_FACTORY, false, FlinkEnvironments.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException("--stateBackend=rocksdb needs "
            + "org.apache.flink:flink-statebackend-rocksdb on the class path; millrace-runners-flink "
            + "depends on it, so it was excluded from this build: add it back (same version as "
            + "Flink) or use --stateBackend=hashmap", e);
      }
      return "rocksdb";
    }
    throw new IllegalArgumentException(
        "--stateBackend=" + name + " is unknown; use hashmap or rocksdb");
  }
}
