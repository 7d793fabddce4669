package dev.millrace.runners.flink.cluster.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts Flink's JobManager and TaskManager JVMs the way Flink's shell scripts do, from a plain
 * class path (no Flink distribution): {@code BashJavaUtils} first computes the memory and CPU
 * settings from {@code config.yaml} (JVM flags plus dynamic properties), then the entry point
 * runs with them.
 */
public final class FlinkProcesses {
  /** The JobManager's main class (a standalone session cluster). */
  public static final String JOB_MANAGER_MAIN =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  /** The TaskManager's main class. */
  public static final String TASK_MANAGER_MAIN =
      "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
  private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

  /** JVM flags (before the main class) and Flink dynamic properties (after it). */
  public record ResourceParams(List<String> jvmArgs, List<String> dynamicProperties) {}

  private final List<String> classpath;
  private final ClusterLayout layout;
  private final boolean detach;

  /**
   * @param detach start each JVM in a new session ({@code setsid}), so that it outlives the
   *     starting process and its terminal
   */
  public FlinkProcesses(List<String> classpath, ClusterLayout layout, boolean detach) {
    this.classpath = List.copyOf(classpath);
    this.layout = layout;
    this.detach = detach;
  }

  /** Starts {@code BashJavaUtils} for the JobManager ({@code jm}) or a TaskManager. */
  public Process startResourceParams(boolean jobManager) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(java(), "-cp", String.join(File.pathSeparator,
        classpath), BASH_JAVA_UTILS,
        jobManager ? "GET_JM_RESOURCE_PARAMS" : "GET_TM_RESOURCE_PARAMS",
        "--configDir", layout.conf().toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectError(ProcessBuilder.Redirect.appendTo(layout.log("bash-java-utils").toFile()));
    return pb.start();
  }

  /** Waits for a {@link #startResourceParams} process and parses its two result lines. */
  public ResourceParams resourceParams(Process p) throws IOException, InterruptedException {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("Flink's BashJavaUtils could not compute the memory settings from "
          + layout.conf().resolve("config.yaml") + "; see " + layout.log("bash-java-utils")
          + ". Output: " + out);
    }
    List<String> results = out.lines().filter(l -> l.startsWith(RESULT_PREFIX))
        .map(l -> l.substring(RESULT_PREFIX.length()).trim()).toList();
    if (results.size() < 2) {
      throw new IOException("Flink's BashJavaUtils printed no memory settings; output: " + out);
    }
    return new ResourceParams(split(results.get(0)), split(results.get(1)));
  }

  /**
   * Starts one Flink JVM, its output going to {@code logs/<name>.log}; {@code extraArgs} are
   * appended after the dynamic properties.
   */
  public Process start(String name, String mainClass, ResourceParams params,
      List<String> extraArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (detach && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      cmd.add("/usr/bin/setsid");
    }
    cmd.add(java());
    cmd.addAll(params.jvmArgs());
    Path log = layout.log(name);
    cmd.add("-Dlog.file=" + log);
    cmd.add("-Djava.io.tmpdir=" + layout.tmp());
    cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    cmd.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss,SSS");
    cmd.add("-Dmillrace.flink.cluster=" + layout.root());
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath));
    cmd.add(mainClass);
    cmd.add("--configDir");
    cmd.add(layout.conf().toString());
    cmd.addAll(extraArgs);
    cmd.addAll(params.dynamicProperties());
    Files.deleteIfExists(log);
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return pb.start();
  }

  private static List<String> split(String line) {
    return Arrays.stream(line.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
