package dev.millrace.compliance.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.capability.RunnerCapabilities;
import dev.millrace.runners.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario command: flags, exit statuses, check output and the --print format. */
@Requires({Capability.TEST_STREAM, Capability.TRIGGERS})
class ScenarioMainTest {
  private static final String PASSING = """
      {"name": "ok", "steps": [{"window": {"fn": {"type": "fixed", "size": "PT1M"}}},
                               {"combinePerKey": "sum"}],
       "input": [{"add": [{"key": "k", "value": 1, "time": "00:00:10"},
                          {"key": "k", "value": 2, "time": "00:00:20"}]}],
       "expected": [{"key": "k", "value": 3, "window": ["00:00:00", "00:01:00"],
                     "timestamp": "00:00:59.999", "pane": {"timing": "ON_TIME", "last": true}}]}
      """;

  @TempDir Path dir;
  private String runner;

  @BeforeEach
  void runner() {
    runner = "--runner=" + RunnerCapabilities.current().runner();
  }

  private Path file(String name, String json) throws Exception {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, json);
    return f;
  }

  @Test
  void passingScenarioExitsZero() throws Exception {
    Cli r = Cli.run(runner, file("ok.json", PASSING).toString());
    assertThat(r.exit()).as("%s", r).isZero();
    assertThat(r.out()).isEqualTo("PASS ok\n1 passed, 0 failed\n");
  }

  @Test
  void failingScenarioExitsOneWithADiff() throws Exception {
    Path f = file("bad.json", PASSING.replace("\"value\": 3", "\"value\": 4").replace("\"ok\"", "\"wrong\""));
    Cli r = Cli.run(runner, f.toString());
    assertThat(r.exit()).as("%s", r).isEqualTo(1);
    assertThat(r.out()).contains("FAIL wrong").contains("value: expected 4, actual 3")
        .endsWith("0 passed, 1 failed\n");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Path ok = file("ok.json", PASSING);
    assertThat(Cli.run(runner, "--verbose", ok.toString()).exit()).isEqualTo(2);
    assertThat(Cli.run(runner, "--verbose", ok.toString()).err()).contains("unknown flag '--verbose'")
        .contains("usage: ./millrace scenario");
    assertThat(Cli.run(runner).exit()).isEqualTo(2);
    assertThat(Cli.run("--runner=nosuchrunner", ok.toString()).exit()).isEqualTo(2);
    assertThat(Cli.run(runner, dir.resolve("missing.json").toString()).err())
        .contains("no such file or directory");
    assertThat(Cli.run("--help").exit()).isZero();
  }

  @Test
  void malformedFileExitsTwoButTheOthersStillRun() throws Exception {
    file("d/a-ok.json", PASSING);
    Path bad = file("d/b-bad.json", "{\"name\": \"b\", \"steps\": [], \"input\": [{\"watermark\": \"soon\"}]}");
    file("d/c-ok.json", PASSING.replace("\"ok\"", "\"ok2\""));
    file("d/notes.txt", "not a scenario");
    Cli r = Cli.run(runner, dir.resolve("d").toString());
    assertThat(r.exit()).as("%s", r).isEqualTo(2);
    assertThat(r.out()).isEqualTo("PASS ok\nPASS ok2\n2 passed, 0 failed\n");
    assertThat(r.err()).contains("ERROR " + bad + ": at $.input[0].watermark: ");
  }

  @Test
  void unsupportedFeatureExitsTwo() throws Exception {
    Path f = file("unsafe.json", PASSING.replace("{\"type\": \"fixed\", \"size\": \"PT1M\"}",
        "{\"type\": \"fixed\", \"size\": \"PT1M\"}, \"trigger\": {\"type\": \"afterCount\", \"count\": 1}"));
    Cli r = Cli.run(runner, f.toString());
    assertThat(r.exit()).as("%s", r).isEqualTo(2);
    assertThat(r.err()).contains(f + ": at $.steps[1]: unsupported: ").contains("unsafe trigger");
  }

  @Test
  void scenarioWithoutExpectedIsSkippedInCheckMode() throws Exception {
    Path f = file("noexp.json", PASSING.replaceAll("(?s),\\s*\"expected\".*\\]\\}", "}"));
    Cli r = Cli.run(runner, f.toString());
    assertThat(r.exit()).as("%s", r).isZero();
    assertThat(r.out()).startsWith("SKIP ok").endsWith("0 passed, 0 failed, 1 skipped\n");
  }

  @Test
  void printWritesEveryFieldWithIsoInstants() throws Exception {
    Cli r = Cli.run(runner, "--print", file("ok.json", PASSING).toString());
    assertThat(r.exit()).as("%s", r).isZero();
    assertThat(r.out()).isEqualTo("{\"key\":\"k\",\"value\":3,\"window\":[\"1970-01-01T00:00:00Z\","
        + "\"1970-01-01T00:01:00Z\"],\"timestamp\":\"1970-01-01T00:00:59.999Z\",\"pane\":"
        + "{\"timing\":\"ON_TIME\",\"index\":0,\"nonSpeculativeIndex\":0,\"first\":true,\"last\":true}}\n");
  }

  @Test
  void printOnSeveralFilesWritesHeadersAndParsesBack() throws Exception {
    Path a = file("a.json", PASSING);
    Path b = file("b.json", PASSING.replace("\"value\": 2", "\"value\": 2.5"));
    Cli r = Cli.run(runner, "--print", a.toString(), b.toString());
    assertThat(r.exit()).as("%s", r).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("== " + a);
    assertThat(lines.get(2)).isEqualTo("== " + b);
    JsonNode pane = new ObjectMapper().readTree(lines.get(3));
    assertThat(pane.get("value").doubleValue()).isEqualTo(3.5);
    // Printed panes are valid expected panes of the same scenario.
    String roundTrip = PASSING.replaceAll("(?s)\"expected\": \\[.*\\]\\}", "\"expected\": [" + lines.get(1) + "]}");
    Cli check = Cli.run(runner, file("rt.json", roundTrip).toString());
    assertThat(check.exit()).as("%s", check).isZero();
  }
}
