package dev.millrace.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.io.internal.UnboundedWriteFn;
import dev.millrace.io.internal.WriteConfig;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.MapElements;
import dev.millrace.values.TypeDescriptors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing an unbounded collection that never ends: a runner with a file sink of its own (here the
 * direct runner) commits it in part files {@code PREFIX-part-PPPPPPPP-SSSSS-of-NNNNNSUFFIX}, each
 * with the header and footer; a runner without one fails when the write starts, saying which
 * runners can do it.
 */
class TextIOUnboundedWriteTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theDirectRunnerWritesEveryLineOnceInPartFiles() throws IOException {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=direct").create());
    p.apply(GenerateSequence.from(0).to(2000).withRate(4000, Duration.ofSeconds(1)))
        .apply(MapElements.into(TypeDescriptors.strings()).via(String::valueOf))
        .apply(TextIO.write().to(dir + "/out").withSuffix(".txt").withHeader("id")
            .withFooter("end"));

    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    List<String> body = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path f : entries.sorted().toList()) {
        assertThat(f.getFileName().toString()).matches("out-part-\\d{8}-00000-of-00001\\.txt");
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("id");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("end");
        body.addAll(lines.subList(1, lines.size() - 1));
      }
    }
    assertThat(body).containsExactlyInAnyOrderElementsOf(
        LongStream.range(0, 2000).mapToObj(String::valueOf).toList());
  }

  @Test
  void aRunnerWithoutAFileSinkOfItsOwnFailsNamingTheRunnersThatHaveOne() {
    UnboundedWriteFn fn = new UnboundedWriteFn(
        WriteConfig.forPrefix(dir + "/out", ".txt", null, null, 0));

    assertThatThrownBy(fn::setup).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("got an unbounded collection")
        .hasMessageContaining("--runner=microbatch")
        .hasMessageContaining("--runner=flink")
        .hasMessageContaining("--runner=direct");
  }
}
