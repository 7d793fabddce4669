package dev.millrace.runners.flink.internal;

import java.util.stream.Stream;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One Flink MiniCluster per JVM for {@code --flinkMaster=[local]}: started on the first job,
 * reused by every later job (starting a cluster costs seconds, a job on a running one a fraction
 * of that), grown by a TaskManager when a job needs more slots, and closed when the JVM exits.
 */
final class SharedLocalCluster {
  /** The name of the executor that hands jobs to the shared cluster. */
  private static final String EXECUTOR = "millrace-shared-local";
  private static MiniCluster cluster;
  private static int slots;
  private static int slotsPerTaskManager;

  private SharedLocalCluster() {}

  /** The shared cluster, started or grown to offer {@code parallelism} slots. */
  static synchronized MiniCluster cluster(int parallelism) {
    try {
      if (cluster == null) {
        start(parallelism);
      }
      while (slots < parallelism) {
        cluster.startTaskManager();
        slots += slotsPerTaskManager;
      }
      return cluster;
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the local Flink MiniCluster: " + e, e);
    }
  }

  /**
   * An environment whose jobs go straight to the shared cluster (no REST round trips: the job's
   * result arrives when the job ends, where a REST client polls for it with back-off of up to two
   * seconds).
   */
  static StreamExecutionEnvironment environment(int parallelism, Configuration conf) {
    ClassLoader loader = SharedLocalCluster.class.getClassLoader();
    PipelineExecutor executor = (pipeline, configuration, userClassLoader) -> {
      MiniCluster target = cluster(parallelism);
      StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, configuration);
      graph.serializeUserDefinedInstances();
      return target.submitJob(graph).thenApply(submitted -> new MiniClusterJobClient(
          submitted.getJobID(), target, userClassLoader,
          MiniClusterJobClient.JobFinalizationBehavior.NOTHING));
    };
    PipelineExecutorFactory factory = new PipelineExecutorFactory() {
      @Override
      public String getName() {
        return EXECUTOR;
      }

      @Override
      public boolean isCompatibleWith(Configuration configuration) {
        return true;
      }

      @Override
      public PipelineExecutor getExecutor(Configuration configuration) {
        return executor;
      }
    };
    PipelineExecutorServiceLoader executors = new PipelineExecutorServiceLoader() {
      @Override
      public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
        return factory;
      }

      @Override
      public Stream<String> getExecutorNames() {
        return Stream.of(EXECUTOR);
      }
    };
    Configuration withTarget = new Configuration(conf);
    withTarget.set(DeploymentOptions.TARGET, EXECUTOR);
    withTarget.set(DeploymentOptions.ATTACHED, true);
    return new StreamExecutionEnvironment(executors, withTarget, loader);
  }

  private static void start(int parallelism) throws Exception {
    slotsPerTaskManager = Math.max(parallelism, Math.max(2, Runtime.getRuntime().availableProcessors()));
    Configuration conf = new Configuration();
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.PORT, 0);
    MiniCluster c = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(conf)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(slotsPerTaskManager)
        .build());
    c.start();
    cluster = c;
    slots = slotsPerTaskManager;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> c.closeAsync(), "millrace-flink-close"));
  }
}
