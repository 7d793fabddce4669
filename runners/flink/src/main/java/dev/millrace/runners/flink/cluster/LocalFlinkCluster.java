package dev.millrace.runners.flink.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.base.Preconditions;
import dev.millrace.runners.flink.cluster.internal.ClusterCommand;
import dev.millrace.runners.flink.cluster.internal.ClusterLayout;
import dev.millrace.runners.flink.cluster.internal.ConfigYaml;
import dev.millrace.runners.flink.cluster.internal.FlinkProcesses;
import dev.millrace.runners.flink.cluster.internal.FlinkRest;
import dev.millrace.runners.flink.cluster.internal.PidFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Flink 2.3 standalone session cluster on this machine: one JobManager and N TaskManagers, each
 * a separate JVM started from a plain class path (Flink's jars from Maven Central; no Flink
 * download). Every file it writes — {@code config.yaml}, logs, pid files, temporary files,
 * checkpoints — stays below the {@link ClusterSpec#directory() cluster folder}.
 *
 * <pre>{@code
 * try (LocalFlinkCluster cluster = LocalFlinkCluster.start(ClusterSpec.defaults(dir))) {
 *   // run pipelines with --runner=flink --flinkMaster=<cluster.flinkMaster()>
 * }
 * }</pre>
 *
 * <p>{@link #start} returns once the REST API answers and every TaskManager has registered;
 * {@link #close} (or {@link #stop(java.nio.file.Path, Duration)} from another process, using the
 * pid files) stops the JVMs with SIGTERM, then SIGKILL after a timeout, and deletes the
 * temporary files and checkpoints (the logs and the configuration stay). {@link #main} is the
 * command line behind {@code ./millrace flink-cluster start|stop|status}.
 */
public final class LocalFlinkCluster implements AutoCloseable {
  /** How long {@link #close} waits after SIGTERM before it sends SIGKILL. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final ClusterSpec spec;
  private final ClusterLayout layout;
  private final Process jobManager;
  private final Map<String, Process> taskManagers;
  private final FlinkRest rest;

  private LocalFlinkCluster(ClusterSpec spec, ClusterLayout layout, Process jobManager,
      Map<String, Process> taskManagers) {
    this.spec = spec;
    this.layout = layout;
    this.jobManager = jobManager;
    this.taskManagers = taskManagers;
    this.rest = FlinkRest.of(spec.host(), spec.restPort());
  }

  /**
   * Starts the cluster and waits until it is ready; the JVMs end when this JVM ends (see
   * {@link #startDetached} for a cluster that outlives it).
   *
   * @throws IllegalStateException if a cluster already runs in the folder, the REST port is
   *     taken, or the cluster does not come up (the message names the log to read)
   */
  public static LocalFlinkCluster start(ClusterSpec spec) {
    LocalFlinkCluster c = launch(spec, false);
    Runtime.getRuntime().addShutdownHook(new Thread(c::killAll, "millrace-flink-cluster-kill"));
    return c;
  }

  /** Like {@link #start}, but the JVMs keep running after this JVM exits. */
  public static LocalFlinkCluster startDetached(ClusterSpec spec) {
    return launch(spec, true);
  }

  private static LocalFlinkCluster launch(ClusterSpec spec, boolean detach) {
    ClusterLayout layout = new ClusterLayout(spec.directory());
    PidFiles pids = new PidFiles(layout);
    if (!pids.alive().isEmpty()) {
      throw new IllegalStateException("A Flink cluster is already running in " + layout.root()
          + " (pids " + pids.alive().values() + "); stop it first (./millrace flink-cluster stop)");
    }
    checkPortFree(spec.host(), spec.restPort());
    Map<String, Process> started = new LinkedHashMap<>();
    try {
      layout.create();
      pids.clear();
      ConfigYaml.write(spec, layout, freePort(spec.host()));
      FlinkProcesses processes = new FlinkProcesses(spec.classpath(), layout, detach);
      Process jmParams = processes.startResourceParams(true);
      Process tmParams = processes.startResourceParams(false);
      FlinkProcesses.ResourceParams jm = processes.resourceParams(jmParams);
      FlinkProcesses.ResourceParams tm = processes.resourceParams(tmParams);
      started.put("jobmanager", processes.start("jobmanager", FlinkProcesses.JOB_MANAGER_MAIN,
          jm, List.of("--executionMode", "cluster")));
      for (int i = 0; i < spec.taskManagers(); i++) {
        String id = "taskmanager-" + i;
        started.put(id, processes.start(id, FlinkProcesses.TASK_MANAGER_MAIN, tm,
            List.of("-D", "taskmanager.resource-id=" + id)));
      }
      for (Map.Entry<String, Process> e : started.entrySet()) {
        pids.write(e.getKey(), e.getValue().pid());
      }
      Process jobManager = started.remove("jobmanager");
      LocalFlinkCluster cluster = new LocalFlinkCluster(spec, layout, jobManager, started);
      cluster.awaitReady();
      return cluster;
    } catch (IOException | RuntimeException | InterruptedException e) {
      started.values().forEach(Process::destroyForcibly);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      PidFiles.stopAll(layout, Duration.ofSeconds(5));
      throw new IllegalStateException("Could not start the local Flink cluster in "
          + layout.root() + ": " + e.getMessage() + " (logs: " + layout.logs() + ")", e);
    }
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      checkAlive("jobmanager", jobManager);
      taskManagers.forEach(this::checkAlive);
      try {
        JsonNode overview = rest.get("/overview");
        if (overview.path("taskmanagers").asInt() >= taskManagers.size()) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the cluster was not ready after " + START_TIMEOUT.toSeconds()
        + " s (REST " + rest.base() + " with " + taskManagers.size() + " TaskManagers)");
  }

  private void checkAlive(String name, Process p) {
    if (!p.isAlive()) {
      throw new IllegalStateException("the " + name + " JVM exited with code " + p.exitValue()
          + " while starting; see " + layout.log(name));
    }
  }

  /** The spec this cluster was started with. */
  public ClusterSpec spec() {
    return spec;
  }

  /** {@code host:port} of the REST API, the value for {@code --flinkMaster}. */
  public String flinkMaster() {
    return spec.host() + ":" + spec.restPort();
  }

  /** The REST API's (and the Web UI's) address, e.g. {@code http://127.0.0.1:8081}. */
  public URI restAddress() {
    return rest.base();
  }

  /** Whether the Web UI is served (it needs flink-runtime-web on the cluster's class path). */
  public boolean hasWebUi() {
    return rest.status("/") == 200;
  }

  /** The TaskManagers' ids (as in the REST API), {@code taskmanager-0}, ... */
  public List<String> taskManagerIds() {
    return List.copyOf(taskManagers.keySet());
  }

  /** The pid of a TaskManager's JVM. */
  public long taskManagerPid(String id) {
    return taskManager(id).pid();
  }

  /** The pid of the JobManager's JVM. */
  public long jobManagerPid() {
    return jobManager.pid();
  }

  /**
   * The ids of the live TaskManagers that run tasks right now (REST {@code /taskmanagers}: fewer
   * free slots than slots).
   */
  public List<String> busyTaskManagers() {
    try {
      List<String> busy = new ArrayList<>();
      for (JsonNode tm : rest.get("/taskmanagers").path("taskmanagers")) {
        if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
          busy.add(tm.path("id").asText());
        }
      }
      return busy;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list the TaskManagers of " + rest.base(), e);
    }
  }

  /** Kills a TaskManager's JVM with SIGKILL (no clean shutdown) and waits until it is gone. */
  public void killTaskManager(String id) {
    Process p = taskManager(id);
    p.destroyForcibly();
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The JSON answer of a GET on the cluster's REST API, e.g. {@code /jobs/<id>/checkpoints}. */
  public JsonNode restGet(String path) throws IOException {
    return rest.get(path);
  }

  private Process taskManager(String id) {
    Process p = taskManagers.get(id);
    Preconditions.checkArgument(p != null, "No TaskManager '%s'; the ids are %s", id,
        taskManagers.keySet());
    return p;
  }

  private void killAll() {
    taskManagers.values().forEach(Process::destroyForcibly);
    jobManager.destroyForcibly();
  }

  /** Stops the JVMs (SIGTERM, SIGKILL after {@link #STOP_TIMEOUT}) and deletes temporary files. */
  @Override
  public void close() {
    PidFiles.stopAll(layout, STOP_TIMEOUT);
    killAll();
  }

  /**
   * Stops the cluster whose pid files are in {@code directory} (started by any process) and
   * deletes its temporary files and checkpoints; returns how many JVMs were running.
   */
  public static int stop(java.nio.file.Path directory, Duration timeout) {
    return PidFiles.stopAll(new ClusterLayout(directory.toAbsolutePath().normalize()), timeout);
  }

  /** {@code start [--taskmanagers=N] [--slots=S] [--port=P] [--dir=D] | stop [--dir=D] | status}. */
  public static void main(String[] args) {
    System.exit(ClusterCommand.run(args, System.out, System.err));
  }

  private static void checkPortFree(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new IllegalStateException("Port " + port + " on " + host + " is in use (another Flink"
          + " cluster?); stop that process or choose another port (--port=...)", e);
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }
}
