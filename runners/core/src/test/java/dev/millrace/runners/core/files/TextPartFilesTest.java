package dev.millrace.runners.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.internal.TextFileSinkSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The part files the in-process runners' text sinks commit: their names, their content (header,
 * lines, footer) and a commit that can be repeated after a crash without losing or doubling a
 * file.
 */
class TextPartFilesTest {
  @TempDir Path dir;

  private TextFileSinkSpec spec(String header, String footer) {
    return new TextFileSinkSpec(dir.toString(), "out", ".txt", header, footer, 0,
        dir.resolve(".temp-out-x").toString());
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0, 1, out-part-00000000-00000-of-00001.txt",
      "42, 2, 3, out-part-00000042-00002-of-00003.txt",
      "123456789, 12, 100000, out-part-123456789-00012-of-100000.txt"})
  void namesPartsLikeTheFlinkSink(long part, int shard, int shards, String expected) {
    TextFileSinkSpec spec = spec(null, null);
    assertThat(TextPartFiles.finalName(spec, part, shard, shards)).isEqualTo(expected);
    assertThat(TextPartFiles.finalNamePattern(spec).matcher(expected).matches()).isTrue();
  }

  @Test
  void writesHeaderLinesAndFooterAndCommitsByRenaming() throws IOException {
    TextPartWriter w = TextPartFiles.open(spec("H", "F"), 7, 1, 2);
    w.writeLine("a");
    w.writeLines("b\nc\u00e9\n");
    PendingPart p = w.finish(true);
    assertThat(p.inProgress()).startsWith(dir.resolve(".temp-out-x"));
    assertThat(Files.exists(p.target())).isFalse();

    TextPartFiles.commit(p);

    assertThat(p.target()).isEqualTo(dir.resolve("out-part-00000007-00001-of-00002.txt"));
    assertThat(Files.readString(p.target(), StandardCharsets.UTF_8)).isEqualTo("H\na\nb\nc\u00e9\nF\n");
    assertThat(p.inProgress()).doesNotExist();
  }

  @Test
  void aRepeatedCommitIsANoOpAndALostPartFailsClearly() throws IOException {
    PendingPart p = TextPartFiles.open(spec(null, null), 0, 0, 1).finish(false);
    TextPartFiles.commit(p);
    TextPartFiles.commit(p); // e.g. a restore redoing the commit a crash interrupted
    assertThat(p.target()).exists();

    Files.delete(p.target());
    assertThatThrownBy(() -> TextPartFiles.commit(p)).isInstanceOf(IOException.class)
        .hasMessageContaining("is missing").hasMessageContaining(p.target().toString());
  }

  @Test
  void aCommitReplacesAFileOfTheSameName() throws IOException {
    Files.writeString(dir.resolve("out-part-00000003-00000-of-00001.txt"), "old\n");
    TextPartWriter w = TextPartFiles.open(spec(null, null), 3, 0, 1);
    w.writeLine("new");
    TextPartFiles.commit(w.finish(false));
    assertThat(dir.resolve("out-part-00000003-00000-of-00001.txt")).hasContent("new");
  }

  @Test
  void pendingPartsRoundTripThroughACheckpoint() throws IOException {
    List<PendingPart> parts = List.of(new PendingPart(dir.resolve("a"), dir.resolve("b")),
        new PendingPart(dir.resolve("c"), dir.resolve("d")));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PendingPart.writeAll(new DataOutputStream(bytes), parts);
    assertThat(PendingPart.readAll(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))).isEqualTo(parts);
  }

  @Test
  void anAbortedPartLeavesNoFile() throws IOException {
    TextPartWriter w = TextPartFiles.open(spec("H", null), 1, 0, 1);
    w.writeLine("x");
    w.abort();
    assertThat(dir.resolve(".temp-out-x")).isEmptyDirectory();
  }
}
