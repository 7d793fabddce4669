package dev.millrace.runners.flink.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which jars a job ships to a remote cluster when --filesToStage is empty, or is given. */
class JobJarsTest {
  @TempDir Path dir;

  private Path file(String name) throws IOException {
    return Files.writeString(dir.resolve(name), "x");
  }

  @Test
  void shipsTheJarsTheClusterLacksAndPacksClassFolders() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("app/target/classes/dev/app"));
    Files.writeString(classes.resolve("Main.class"), "bytecode");
    Path app = file("app-lib.jar");
    Path guava = file("guava.jar");
    Path flink = file("flink-runtime.jar");
    List<String> cp = List.of(dir.resolve("app/target/classes").toString(), app.toString(),
        guava.toString(), flink.toString(), dir.resolve("missing.jar").toString());

    List<String> staged = JobJars.defaults(cp, Set.of("guava.jar", "flink-runtime.jar"));

    assertThat(staged).hasSize(2).contains(app.toString());
    Path packed = Path.of(staged.get(0));
    assertThat(packed.getFileName().toString()).startsWith("millrace-stage-app-classes-");
    try (JarFile jar = new JarFile(packed.toFile())) {
      List<String> names = new ArrayList<>();
      for (JarEntry e : Collections.list(jar.entries())) {
        names.add(e.getName());
      }
      assertThat(names).containsExactly("dev/app/Main.class");
    }
  }

  @Test
  void withoutTheClusterClassPathShipsEverythingButFlinkJars() throws IOException {
    Path app = file("app.jar");
    Path guava = file("guava.jar");
    Path flink = file("flink-streaming-java-2.3.0.jar");
    assertThat(JobJars.defaults(List.of(app.toString(), guava.toString(), flink.toString()), null))
        .containsExactly(app.toString(), guava.toString());
  }

  @Test
  void filesToStageAreShippedAsListedAndMustExist() throws IOException {
    Path a = file("a.jar");
    Path b = file("b.jar");
    assertThat(JobJars.toStage(a + ", " + b, "127.0.0.1", 1))
        .containsExactly(a.toString(), b.toString());
    assertThatThrownBy(() -> JobJars.toStage(dir.resolve("nope.jar").toString(), "127.0.0.1", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.jar").hasMessageContaining("does not exist");
  }
}
