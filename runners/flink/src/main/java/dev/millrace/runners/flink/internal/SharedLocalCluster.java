package dev.millrace.runners.flink.internal;

import java.net.URI;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * One Flink MiniCluster per JVM for {@code --flinkMaster=[local]}: started on the first job,
 * reused by every later job (starting a cluster costs seconds, a job on a running one a fraction
 * of that), grown by a TaskManager when a job needs more slots, and closed when the JVM exits.
 */
final class SharedLocalCluster {
  private static MiniCluster cluster;
  private static URI rest;
  private static int slots;
  private static int slotsPerTaskManager;

  private SharedLocalCluster() {}

  /** The REST address of the shared cluster, started or grown to offer {@code parallelism} slots. */
  static synchronized URI restAddress(int parallelism) {
    try {
      if (cluster == null) {
        start(parallelism);
      }
      while (slots < parallelism) {
        cluster.startTaskManager();
        slots += slotsPerTaskManager;
      }
      return rest;
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the local Flink MiniCluster: " + e, e);
    }
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
    rest = c.getRestAddress().get();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> c.closeAsync(), "millrace-flink-close"));
  }
}
