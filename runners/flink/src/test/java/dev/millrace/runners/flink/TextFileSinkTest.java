package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.io.TextIO;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exactly-once text files on Flink in STREAMING mode: a job that fails once after some files were
 * committed restarts from its last checkpoint, and the committed files hold every line exactly
 * once, each file with its header and footer, with no in-progress file left behind.
 */
class TextFileSinkTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final int COUNT = 4000;
  /** Static: the MiniCluster runs the DoFn in this JVM, so the second attempt sees it set. */
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  @TempDir
  static Path out;

  /** Throws once, on the first attempt, when some files have been committed. */
  static final class FailOnceAfterACommit extends DoFn<Long, String> {
    private final String dir;

    FailOnceAfterACommit(String dir) {
      this.dir = dir;
    }

    @Override
    public void processElement(ProcessContext c) throws IOException {
      if (c.element() >= COUNT / 4 && !FAILED.get() && committedFiles(Path.of(dir)).size() > 0
          && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("failing once on purpose at " + c.element());
      }
      c.output("line-" + c.element());
    }
  }

  static final class Ignore extends DoFn<String, Void> {
    @Override
    public void processElement(ProcessContext c) {}
  }

  static List<Path> committedFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("lines-part-")).toList();
    }
  }

  @Test
  void aRestartNeitherLosesNorDuplicatesLines() throws IOException {
    FAILED.set(false);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=flink",
        "--parallelism=2", "--checkpointingInterval=100").create());
    PCollection<String> lines = p
        .apply(GenerateSequence.from(0).to(COUNT).withRate(2000, Duration.ofSeconds(1)))
        .apply(ParDo.of(new FailOnceAfterACommit(out.toString())));
    // Read by the write and by another element-wise step, after a step that is not fused: the
    // write's own steps must not be fused into the other step's stage.
    PCollection<String> merged = PCollectionList.of(lines).apply(Flatten.pCollections());
    merged.apply(TextIO.write().to(out + "/lines").withSuffix(".txt")
        .withHeader("HEADER").withFooter("FOOTER"));
    merged.apply("AlsoRead", ParDo.of(new Ignore()));

    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    assertThat(FAILED).as("the job failed once and restarted").isTrue();
    List<String> written = new ArrayList<>();
    List<Path> files = committedFiles(out);
    for (Path f : files) {
      assertThat(f.getFileName().toString()).matches("lines-part-\\d{8}-\\d{5}-of-00002\\.txt");
      List<String> content = Files.readAllLines(f);
      assertThat(content.get(0)).isEqualTo("HEADER");
      assertThat(content.get(content.size() - 1)).isEqualTo("FOOTER");
      written.addAll(content.subList(1, content.size() - 1));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      expected.add("line-" + i);
    }
    assertThat(written).containsExactlyInAnyOrderElementsOf(expected);
    try (Stream<Path> all = Files.walk(out)) {
      assertThat(all.filter(Files::isRegularFile).filter(f -> !files.contains(f)).toList())
          .as("in-progress or uncommitted files").isEmpty();
    }
    try (Stream<Path> all = Files.list(out)) {
      assertThat(all.filter(Files::isDirectory).toList())
          .as("the temporary directory, removed once the job has finished").isEmpty();
    }
  }

  /**
   * Bounded writes: BATCH mode runs TextIO's own expansion (exactly numShards files named
   * -SSSSS-of-NNNNN); STREAMING mode uses the sink with numShards writers.
   */
  @ParameterizedTest(name = "streaming={0}")
  @CsvSource({
      "false, 'bounded-\\d{5}-of-00002\\.txt', 2",
      "true, 'bounded-part-\\d{8}-\\d{5}-of-00002\\.txt', 0",
  })
  void boundedWritesHonourTheShardCount(boolean streaming, String namePattern, int exactFiles,
      @TempDir Path dir) throws IOException {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=flink",
        "--parallelism=1", "--streaming=" + streaming).create());
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add("b" + i);
    }
    p.apply(Create.of(expected))
        .apply(TextIO.write().to(dir + "/bounded").withSuffix(".txt").withNumShards(2));

    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    List<String> lines = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> all = Files.list(dir)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      assertThat(f.getFileName().toString()).matches(namePattern);
      lines.addAll(Files.readAllLines(f));
    }
    if (exactFiles > 0) {
      assertThat(files).hasSize(exactFiles);
    }
    assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
  }
}
