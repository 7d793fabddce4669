package dev.millrace.runners.flink.cluster;

import com.google.common.base.Preconditions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link LocalFlinkCluster} looks like: its working folder (config, logs, pid files,
 * temporary files and checkpoints live below it), the number of TaskManagers and slots, the REST
 * port (also the Web UI's), the bind host, the JVM class path of the Flink processes and extra
 * Flink configuration entries ({@code key -> value}, e.g. {@code heartbeat.timeout -> 20000}).
 *
 * <p>The class path holds Flink and its dependencies only — never Millrace's own modules — so
 * the cluster behaves like a real Flink installation: every job ships its own code
 * ({@code --filesToStage}, or the default of {@code --flinkMaster=host:port}). Immutable; the
 * {@code with...} methods return copies.
 */
public record ClusterSpec(Path directory, int taskManagers, int slotsPerTaskManager, int restPort,
    String host, List<String> classpath, Map<String, String> configuration) {

  /** The REST port a cluster uses unless told otherwise (Flink's default). */
  public static final int DEFAULT_REST_PORT = 8081;

  public ClusterSpec {
    Preconditions.checkNotNull(directory, "directory");
    Preconditions.checkArgument(taskManagers >= 1 && taskManagers <= 16,
        "taskManagers must be between 1 and 16, got %s", taskManagers);
    Preconditions.checkArgument(slotsPerTaskManager >= 1 && slotsPerTaskManager <= 64,
        "slots per TaskManager must be between 1 and 64, got %s", slotsPerTaskManager);
    Preconditions.checkArgument(restPort >= 1 && restPort <= 65535,
        "the REST port must be between 1 and 65535, got %s", restPort);
    Preconditions.checkArgument(host != null && !host.isBlank(), "host must be set");
    Preconditions.checkArgument(classpath != null && !classpath.isEmpty(),
        "the class path of the Flink processes is empty");
    directory = directory.toAbsolutePath().normalize();
    classpath = List.copyOf(classpath);
    configuration = Map.copyOf(configuration);
  }

  /**
   * Two TaskManagers with two slots each on 127.0.0.1, REST on port 8081, in {@code directory},
   * with the Flink part of this JVM's class path ({@link #flinkClasspathOfThisJvm()}).
   */
  public static ClusterSpec defaults(Path directory) {
    return new ClusterSpec(directory, 2, 2, DEFAULT_REST_PORT, "127.0.0.1",
        flinkClasspathOfThisJvm(), Map.of());
  }

  public ClusterSpec withTaskManagers(int n) {
    return new ClusterSpec(directory, n, slotsPerTaskManager, restPort, host, classpath,
        configuration);
  }

  public ClusterSpec withSlotsPerTaskManager(int n) {
    return new ClusterSpec(directory, taskManagers, n, restPort, host, classpath, configuration);
  }

  public ClusterSpec withRestPort(int port) {
    return new ClusterSpec(directory, taskManagers, slotsPerTaskManager, port, host, classpath,
        configuration);
  }

  public ClusterSpec withClasspath(List<String> entries) {
    return new ClusterSpec(directory, taskManagers, slotsPerTaskManager, restPort, host, entries,
        configuration);
  }

  /** A copy with one more Flink configuration entry (replacing an earlier value of the key). */
  public ClusterSpec withConfiguration(String key, String value) {
    Map<String, String> conf = new LinkedHashMap<>(configuration);
    conf.put(key, value);
    return new ClusterSpec(directory, taskManagers, slotsPerTaskManager, restPort, host,
        classpath, conf);
  }

  /**
   * The entries of this JVM's class path that a Flink installation would have: every existing
   * jar except Millrace's own modules ({@code millrace-*.jar}); class folders (a build's
   * {@code classes}/{@code test-classes}) are left out too, since those are the code of jobs.
   */
  public static List<String> flinkClasspathOfThisJvm() {
    return Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
        .filter(e -> !e.isBlank())
        .filter(e -> Files.isRegularFile(Path.of(e)))
        .filter(e -> !Path.of(e).getFileName().toString().startsWith("millrace-"))
        .toList();
  }
}
