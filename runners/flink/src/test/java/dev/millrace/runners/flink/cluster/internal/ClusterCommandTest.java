package dev.millrace.runners.flink.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code ./millrace flink-cluster} command line: exit codes and messages for mistakes, and
 * stop/status without a running cluster (starting one is covered by MultiProcessRecoveryTest).
 */
class ClusterCommandTest {
  @TempDir static Path dir;

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ClusterCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(new String[] {}, 2, "usage: flink-cluster start"),
        Arguments.of(new String[] {"restart"}, 2, "unknown command 'restart'"),
        Arguments.of(new String[] {"start", "--slots=x"}, 1, "--slots=x is not a number"),
        Arguments.of(new String[] {"start", "--nodes=3"}, 1, "unknown argument '--nodes=3'"),
        Arguments.of(new String[] {"stop", "--port=1"}, 1, "unknown argument '--port=1'"),
        Arguments.of(new String[] {"start", "--taskmanagers=0"}, 1,
            "taskManagers must be between 1 and 16, got 0"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void mistakesExitWithACodeAndSayWhatIsWrong(String[] args, int code, String message) {
    Outcome o = run(args);
    assertThat(o.code()).isEqualTo(code);
    assertThat(o.err()).contains(message);
  }

  @Test
  void startRefusesATakenPortBeforeLaunchingAnything() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Outcome o = run("start", "--port=" + taken.getLocalPort(), "--dir=" + dir.resolve("c"));
      assertThat(o.code()).isEqualTo(1);
      assertThat(o.err()).contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
    }
  }

  @Test
  void stopAndStatusWithoutAClusterSaySo() {
    Outcome stop = run("stop", "--dir=" + dir);
    assertThat(stop.code()).isZero();
    assertThat(stop.out()).contains("No Flink cluster was running in " + dir);
    Outcome status = run("status", "--dir=" + dir);
    assertThat(status.code()).isEqualTo(3);
    assertThat(status.out()).contains("No Flink cluster is running");
  }
}
