package dev.millrace.runners.flink.cluster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars a job ships to a remote Flink cluster ({@code --flinkMaster=host:port}).
 *
 * <p>With {@code --filesToStage} the listed jars (and class folders) are shipped. Without it the
 * default is every entry of this JVM's class path that the cluster does not have already: the
 * JobManager's class path is read from its REST API ({@code /jobmanager/environment}) and
 * compared by file name; when that fails, every jar not named {@code flink-*} is shipped. Class
 * folders (a build's {@code classes} directories) are always shipped, packed into a temporary
 * jar each (once per JVM, deleted when it exits).
 */
public final class JobJars {
  private static final Map<Path, Path> PACKED = new ConcurrentHashMap<>();

  private JobJars() {}

  /** The jars to ship, as absolute paths; {@code filesToStage} is the comma-separated option. */
  public static List<String> toStage(String filesToStage, String host, int port) {
    List<String> listed = Arrays.stream(filesToStage.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (!listed.isEmpty()) {
      List<String> jars = new ArrayList<>();
      for (String f : listed) {
        Path p = Path.of(f).toAbsolutePath();
        if (!Files.exists(p)) {
          throw new IllegalArgumentException("--filesToStage names " + f + ", which does not "
              + "exist; list the jars (or class folders) of your pipeline, comma-separated");
        }
        jars.add(jarOf(p).toString());
      }
      return jars;
    }
    return defaults(classPath(), clusterJarNames(host, port));
  }

  /**
   * The default selection: class folders (packed) and the jars whose file name is not in
   * {@code clusterJarNames} (null: unknown, then every jar except Flink's own is shipped).
   */
  static List<String> defaults(List<String> classPath, Set<String> clusterJarNames) {
    Set<String> jars = new LinkedHashSet<>();
    for (String entry : classPath) {
      Path p = Path.of(entry).toAbsolutePath();
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (Files.isDirectory(p)) {
        jars.add(jarOf(p).toString());
      } else if (Files.isRegularFile(p) && name.endsWith(".jar")) {
        boolean onCluster = clusterJarNames == null
            ? name.startsWith("flink-") : clusterJarNames.contains(name);
        if (!onCluster) {
          jars.add(p.toString());
        }
      }
    }
    return List.copyOf(jars);
  }

  private static List<String> classPath() {
    return Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
        .filter(s -> !s.isBlank()).toList();
  }

  /** The file names of the JobManager's class path entries, or null if it cannot be read. */
  static Set<String> clusterJarNames(String host, int port) {
    try {
      JsonNode env = FlinkRest.of(host, port).get("/jobmanager/environment");
      Set<String> names = new HashSet<>();
      for (JsonNode e : env.path("classpath")) {
        Path p = Path.of(e.asText());
        if (p.getFileName() != null) {
          names.add(p.getFileName().toString());
        }
      }
      return names.isEmpty() ? null : names;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Path jarOf(Path p) {
    if (!Files.isDirectory(p)) {
      return p;
    }
    return PACKED.computeIfAbsent(p.normalize(), JobJars::pack);
  }

  /** Packs a class folder into a temporary jar (entries relative to the folder). */
  static Path pack(Path dir) {
    try {
      Path module = dir.getParent() == null ? null : dir.getParent().getParent();
      String base = (module == null || module.getFileName() == null ? "" : module.getFileName()
          + "-") + (dir.getFileName() == null ? "classes" : dir.getFileName());
      Path jar = Files.createTempFile("millrace-stage-" + base + "-", ".jar");
      jar.toFile().deleteOnExit();
      try (OutputStream out = Files.newOutputStream(jar);
           JarOutputStream jos = new JarOutputStream(out);
           Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = dir.relativize(f).toString().replace(File.separatorChar, '/');
          if (name.equals("META-INF/MANIFEST.MF")) {
            continue;
          }
          jos.putNextEntry(new JarEntry(name));
          Files.copy(f, jos);
          jos.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not pack the class folder " + dir + " into a jar to "
          + "ship it to the Flink cluster; pass the job's jars with --filesToStage instead", e);
    }
  }
}
