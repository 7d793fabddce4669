package dev.millrace.runners.flink.cluster.internal;

import dev.millrace.runners.flink.cluster.ClusterSpec;
import dev.millrace.runners.flink.cluster.LocalFlinkCluster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The command line of {@link LocalFlinkCluster#main}: {@code start [--taskmanagers=N]
 * [--slots=S] [--port=P] [--dir=D]}, {@code stop [--dir=D]} and {@code status [--dir=D]}. The
 * folder defaults to {@code .flink-cluster} in the working directory.
 */
public final class ClusterCommand {
  private static final String USAGE = String.join("\n",
      "usage: flink-cluster start [--taskmanagers=2] [--slots=2] [--port=8081] [--dir=.flink-cluster]",
      "       flink-cluster stop [--dir=.flink-cluster]",
      "       flink-cluster status [--dir=.flink-cluster]");

  private ClusterCommand() {}

  /** Runs a command; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String cmd = args[0];
    try {
      Map<String, String> flags = flags(Arrays.asList(args).subList(1, args.length),
          cmd.equals("start") ? Set.of("taskmanagers", "slots", "port", "dir") : Set.of("dir"));
      Path dir = Path.of(flags.getOrDefault("dir", ".flink-cluster")).toAbsolutePath().normalize();
      return switch (cmd) {
        case "start" -> start(dir, flags, out);
        case "stop" -> stop(dir, out);
        case "status" -> status(dir, out);
        default -> {
          err.println("flink-cluster: unknown command '" + cmd + "'\n" + USAGE);
          yield 2;
        }
      };
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("flink-cluster: " + e.getMessage());
      return 1;
    }
  }

  private static int start(Path dir, Map<String, String> flags, PrintStream out) {
    ClusterSpec spec = ClusterSpec.defaults(dir)
        .withTaskManagers(intFlag(flags, "taskmanagers", 2))
        .withSlotsPerTaskManager(intFlag(flags, "slots", 2))
        .withRestPort(intFlag(flags, "port", ClusterSpec.DEFAULT_REST_PORT));
    out.println("Starting a Flink session cluster (1 JobManager, " + spec.taskManagers()
        + " TaskManagers x " + spec.slotsPerTaskManager() + " slots) in " + dir + " ...");
    long t0 = System.nanoTime();
    LocalFlinkCluster c = LocalFlinkCluster.startDetached(spec);
    String pids = c.taskManagerIds().stream().map(id -> id + "=" + c.taskManagerPid(id))
        .collect(Collectors.joining(", "));
    out.printf("Started in %.1f s: jobmanager=%d, %s%n", (System.nanoTime() - t0) / 1e9,
        c.jobManagerPid(), pids);
    out.println("  REST API:  " + c.restAddress());
    out.println("  Web UI:    " + (c.hasWebUi() ? c.restAddress()
        : "not served (org.apache.flink:flink-runtime-web is not on the class path)"));
    out.println("  Run on it: ./millrace run WordCount --runner=flink --flinkMaster="
        + c.flinkMaster() + " --output=/tmp/counts");
    out.println("  Files:     " + dir + " (conf/config.yaml, logs/, pids/)");
    out.println("  Stop it:   ./millrace flink-cluster stop");
    return 0;
  }

  private static int stop(Path dir, PrintStream out) {
    int n = LocalFlinkCluster.stop(dir, LocalFlinkCluster.STOP_TIMEOUT);
    out.println(n == 0 ? "No Flink cluster was running in " + dir
        : "Stopped the Flink cluster in " + dir + " (" + n + " JVMs); logs are in "
            + dir.resolve("logs"));
    return 0;
  }

  private static int status(Path dir, PrintStream out) {
    Map<String, ProcessHandle> alive = new PidFiles(new ClusterLayout(dir)).alive();
    if (alive.isEmpty()) {
      out.println("No Flink cluster is running in " + dir);
      return 3;
    }
    alive.forEach((name, h) -> out.println(name + " pid " + h.pid()));
    return 0;
  }

  private static Map<String, String> flags(List<String> args, Set<String> allowed) {
    Map<String, String> flags = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      String name = a.startsWith("--") && eq > 2 ? a.substring(2, eq) : null;
      if (name == null || !allowed.contains(name)) {
        throw new IllegalArgumentException("unknown argument '" + a + "'; expected --NAME=VALUE"
            + " with NAME one of " + allowed + "\n" + USAGE);
      }
      flags.put(name, a.substring(eq + 1));
    }
    return flags;
  }

  private static int intFlag(Map<String, String> flags, String name, int def) {
    String v = flags.get(name);
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + "=" + v + " is not a number");
    }
  }
}
