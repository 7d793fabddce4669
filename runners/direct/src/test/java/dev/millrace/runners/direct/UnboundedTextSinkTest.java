package dev.millrace.runners.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.TypeDescriptors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct runner writes a text write of a collection that never ends with its own file sink
 * (the step's DoFn only describes the write): parts with header and footer under the Flink
 * runner's names, every line exactly once, nothing left in the temporary directory, whether the
 * input ends or the run is cancelled.
 */
class UnboundedTextSinkTest {
  @TempDir Path dir;

  /** Stands in for TextIO's write of an unbounded collection (io depends on this module). */
  static final class DescribedWrite extends DoFn<String, Void>
      implements TextFileSinkSpec.Provider {
    private final TextFileSinkSpec spec;

    DescribedWrite(TextFileSinkSpec spec) {
      this.spec = spec;
    }

    @Override
    public TextFileSinkSpec textFileSink() {
      return spec;
    }

    @Override
    public void processElement(ProcessContext c) {
      throw new AssertionError("the runner must replace this step by its file sink");
    }
  }

  private TextFileSinkSpec spec(int numShards) {
    return new TextFileSinkSpec(dir.toString(), "out", ".txt", "HEAD", "FOOT", numShards,
        dir.resolve(".temp-out-1").toString());
  }

  private PipelineResult run(GenerateSequence source, TextFileSinkSpec spec) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=direct").create());
    p.apply(source)
        .apply(MapElements.into(TypeDescriptors.strings()).via(String::valueOf))
        .apply("W", ParDo.of(new DescribedWrite(spec)));
    return p.run();
  }

  @Test
  void writesEveryLineOnceInPartsWithHeaderAndFooter() throws IOException {
    PipelineResult r = run(GenerateSequence.from(0).to(5000)
        .withRate(5000, Duration.ofSeconds(1)), spec(0));
    assertThat(r.waitUntilFinish(Duration.ofMinutes(1))).isEqualTo(PipelineResult.State.DONE);

    List<Path> files = outputFiles();
    assertThat(files).isNotEmpty().allSatisfy(f -> assertThat(f.getFileName().toString())
        .matches("out-part-\\d{8}-00000-of-00001\\.txt"));
    assertThat(files.get(0).getFileName().toString()).isEqualTo("out-part-00000000-00000-of-00001.txt");
    assertThat(bodyLines(files)).containsExactlyInAnyOrderElementsOf(numbers(5000));
    assertThat(dir.resolve(".temp-out-1")).doesNotExist();
  }

  @Test
  void aFixedNumberOfShardsSpreadsTheLinesOverThatManyFilesPerPart() throws IOException {
    PipelineResult r = run(GenerateSequence.from(0).to(300)
        .withRate(1_000_000, Duration.ofSeconds(1)), spec(3));
    assertThat(r.waitUntilFinish(Duration.ofMinutes(1))).isEqualTo(PipelineResult.State.DONE);

    List<Path> files = outputFiles();
    assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString())
        .matches("out-part-\\d{8}-0000[0-2]-of-00003\\.txt"));
    assertThat(files.stream().map(f -> f.getFileName().toString().substring(18, 23)))
        .contains("00000", "00001", "00002");
    assertThat(bodyLines(files)).containsExactlyInAnyOrderElementsOf(numbers(300));
  }

  @Test
  void aCancelledRunCommitsTheLinesOfItsCompletedBundlesAndLeavesNoInProgressFiles()
      throws Exception {
    PipelineResult r = run(GenerateSequence.from(0).withRate(2000, Duration.ofSeconds(1)), spec(0));
    assertThat(r.waitUntilFinish(Duration.ofMillis(1500))).isEqualTo(PipelineResult.State.RUNNING);
    assertThat(r.cancel()).isEqualTo(PipelineResult.State.CANCELLED);

    List<String> lines = bodyLines(outputFiles());
    assertThat(lines).isNotEmpty().doesNotHaveDuplicates().allMatch(l -> l.matches("\\d+"));
    assertThat(dir.resolve(".temp-out-1")).doesNotExist();
  }

  private static List<String> numbers(long n) {
    return LongStream.range(0, n).mapToObj(String::valueOf).toList();
  }

  private List<Path> outputFiles() throws IOException {
    try (Stream<Path> all = Files.list(dir)) {
      return all.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  /** The lines between each file's header and footer, after checking both are there. */
  private static List<String> bodyLines(List<Path> files) throws IOException {
    List<String> body = new ArrayList<>();
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      assertThat(lines).as(f.toString()).hasSizeGreaterThan(2);
      assertThat(lines.get(0)).isEqualTo("HEAD");
      assertThat(lines.get(lines.size() - 1)).isEqualTo("FOOT");
      body.addAll(lines.subList(1, lines.size() - 1));
    }
    return body;
  }

}
