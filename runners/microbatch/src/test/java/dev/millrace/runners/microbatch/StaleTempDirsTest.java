package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.io.TextIO;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Create;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpointed job that finishes removes the temporary directories that killed attempts of its
 * text writes left beside the output ({@code .temp-NAME-UUID}), and nothing else.
 */
class StaleTempDirsTest {
  @TempDir
  Path dir;

  private void runWrite(String... extraFlags) {
    List<String> flags = new ArrayList<>(List.of("--runner=microbatch", "--parallelism=2"));
    flags.addAll(List.of(extraFlags));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(flags.toArray(String[]::new))
        .create());
    p.apply(Create.of("a", "b", "c"))
        .apply(TextIO.write().to(dir.resolve("out/part").toString()).withNumShards(2));
    p.run().waitUntilFinish();
  }

  private Path mkdirWithFile(String name) throws IOException {
    Path d = Files.createDirectories(dir.resolve("out").resolve(name));
    Files.writeString(d.resolve("shard-00000-x"), "left over");
    return d;
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFinishedCheckpointedRunRemovesOnlyEarlierAttemptsTempDirectories() throws IOException {
    String stale = ".temp-part-" + UUID.randomUUID();
    mkdirWithFile(stale);
    String otherPrefix = ".temp-other-" + UUID.randomUUID();
    mkdirWithFile(otherPrefix);
    mkdirWithFile(".temp-part-not-a-uuid");
    mkdirWithFile(".temp-part-x-" + UUID.randomUUID());

    runWrite("--checkpointDir=" + dir.resolve("checkpoints"));

    assertThat(entries()).doesNotContain(stale)
        .contains(otherPrefix, ".temp-part-not-a-uuid", "part-00000-of-00002",
            "part-00001-of-00002")
        .anyMatch(n -> n.startsWith(".temp-part-x-"))
        .noneMatch(n -> n.matches("\\.temp-part-[0-9a-f]{8}-[0-9a-f-]{27}"));
  }

  @Test
  void aRunWithoutCheckpointsLeavesOtherTempDirectoriesAlone() throws IOException {
    String stale = ".temp-part-" + UUID.randomUUID();
    mkdirWithFile(stale);

    runWrite();

    assertThat(entries()).contains(stale, "part-00000-of-00002", "part-00001-of-00002");
  }
}
