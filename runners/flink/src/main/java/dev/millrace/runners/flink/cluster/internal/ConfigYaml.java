package dev.millrace.runners.flink.cluster.internal;

import dev.millrace.runners.flink.cluster.ClusterSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the {@code conf/config.yaml} of a local cluster (Flink 2.x reads flattened
 * {@code key: value} lines as well as nested maps): everything bound to the spec's host, the
 * given RPC port, small process sizes, fast heartbeats (a lost TaskManager is noticed within
 * seconds), file checkpoints and every temporary file inside the cluster's folder.
 */
public final class ConfigYaml {
  private ConfigYaml() {}

  /** The configuration entries, in file order; the spec's own entries come last and win. */
  public static Map<String, String> entries(ClusterSpec spec, ClusterLayout layout, int rpcPort) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("jobmanager.bind-host", spec.host());
    c.put("jobmanager.rpc.address", spec.host());
    c.put("jobmanager.rpc.port", Integer.toString(rpcPort));
    c.put("jobmanager.memory.process.size", "1024m");
    c.put("jobmanager.execution.failover-strategy", "region");
    c.put("taskmanager.bind-host", spec.host());
    c.put("taskmanager.host", spec.host());
    c.put("taskmanager.numberOfTaskSlots", Integer.toString(spec.slotsPerTaskManager()));
    c.put("taskmanager.memory.process.size", "1600m");
    c.put("rest.address", spec.host());
    c.put("rest.bind-address", spec.host());
    c.put("rest.port", Integer.toString(spec.restPort()));
    c.put("parallelism.default", Integer.toString(spec.slotsPerTaskManager()));
    c.put("heartbeat.interval", "2000");
    c.put("heartbeat.timeout", "10000");
    c.put("execution.checkpointing.dir", layout.checkpoints().toUri().toString());
    c.put("restart-strategy.type", "fixed-delay");
    c.put("restart-strategy.fixed-delay.attempts", "10");
    c.put("restart-strategy.fixed-delay.delay", "1 s");
    c.put("io.tmp.dirs", layout.tmp().toString());
    c.put("web.tmpdir", layout.tmp().resolve("web").toString());
    c.put("blob.storage.directory", layout.tmp().resolve("blobs").toString());
    c.putAll(spec.configuration());
    return c;
  }

  /** Writes {@link #entries} to {@code conf/config.yaml}. */
  public static void write(ClusterSpec spec, ClusterLayout layout, int rpcPort) throws IOException {
    String yaml = entries(spec, layout, rpcPort).entrySet().stream()
        .map(e -> e.getKey() + ": " + quote(e.getValue()))
        .collect(Collectors.joining("\n", "# Written by Millrace's LocalFlinkCluster\n", "\n"));
    Files.writeString(layout.conf().resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
