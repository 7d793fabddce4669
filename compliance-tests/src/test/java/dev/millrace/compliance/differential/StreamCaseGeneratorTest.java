package dev.millrace.compliance.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.compliance.differential.StreamBranch.Grouping;
import dev.millrace.compliance.differential.StreamBranch.WindowKind;
import dev.millrace.testing.TestStream;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Trigger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The streaming case generator and its capture: the scripts and pipelines it generates cover what
 * the differential test promises (late elements, every trigger kind, window function, grouping,
 * accumulation mode and pane timing), it uses only the runner's declared features, and a
 * disagreement names the seed and case to replay.
 */
class StreamCaseGeneratorTest {
  private static final Features ALL = new Features(true, true, true, true);
  private static final StreamCaseGenerator.Knobs DEFAULTS =
      new StreamCaseGenerator.Knobs(3, true, true);

  private static List<StreamBatch> batches(Features features, int count) {
    StreamCaseGenerator g = new StreamCaseGenerator(features, DEFAULTS);
    return LongStream.range(0, count).mapToObj(s -> g.generate(1_000 + s, 10)).toList();
  }

  private static void triggerKinds(Trigger t, Set<String> into) {
    String kind = t.getClass().getSimpleName();
    if (t instanceof AfterWatermark w) {
      kind += (w.early() != null ? "+early" : "") + (w.late() != null ? "+late" : "");
    }
    into.add(kind);
    t.subTriggers().forEach(s -> triggerKinds(s, into));
  }

  @Test
  void pipelinesCoverEveryTriggerWindowFunctionGroupingAndMode() {
    Set<String> seen = new HashSet<>();
    for (StreamBatch b : batches(ALL, 20)) {
      for (StreamBranch br : b.branches()) {
        triggerKinds(br.window().trigger(), seen);
        seen.add(br.window().kind().name());
        seen.add(br.grouping().name());
        seen.add(br.window().accumulating() ? "accumulating" : "discarding");
        seen.add(br.window().latenessMillis() > 0 ? "lateness" : "no lateness");
        if (br.sideInput() != null) {
          seen.add(br.sideInput().sumView() ? "singleton view" : "list view");
        }
        if (br.regroup() != null) {
          seen.add("regroup");
        }
        if (br.pre().stream().anyMatch(st -> st instanceof Step.FlattenWithBranch)) {
          seen.add("flatten before grouping");
        }
      }
    }
    assertThat(seen).contains("AfterWatermark", "AfterWatermark+early", "AfterWatermark+late",
        "AfterWatermark+early+late", "AfterPane", "AfterProcessingTime", "Repeatedly",
        "AfterFirst", "AfterAll", "AfterEach", "OrFinally", "FIXED", "SLIDING", "SESSIONS",
        "GLOBAL", "GROUP_BY_KEY", "SUM", "COUNT", "accumulating", "discarding", "lateness",
        "no lateness", "singleton view", "list view", "regroup", "flatten before grouping");
  }

  @Test
  void scriptsHaveLateElementsAndBothClocksAndEndAtInfinity() {
    int late = 0;
    int processingTime = 0;
    for (StreamBatch b : batches(ALL, 20)) {
      long wm = Long.MIN_VALUE;
      for (StreamScript.Event e : b.script().events()) {
        if (e instanceof StreamScript.Watermark w) {
          wm = StreamScript.BASE + w.offsetMillis();
        } else if (e instanceof StreamScript.ProcessingTime) {
          processingTime++;
        } else if (e instanceof StreamScript.Elements el) {
          long behind = wm;
          late += (int) el.inputs().stream().filter(i -> i.timestampMillis() < behind).count();
        }
      }
      List<TestStream.Event<?>> events = new ArrayList<>(b.script().toTestStream().getEvents());
      assertThat(events.get(events.size() - 1))
          .isEqualTo(new TestStream.WatermarkEvent<>(Timestamps.MAX));
    }
    assertThat(late).isGreaterThan(50);
    assertThat(processingTime).isGreaterThan(40);
  }

  @Test
  void onlyDeclaredFeaturesAreGenerated() {
    for (StreamBatch b : batches(new Features(false, false, false, false), 20)) {
      assertThat(b.branches()).allSatisfy(br -> {
        assertThat(br.window().kind()).isNotEqualTo(WindowKind.SESSIONS);
        assertThat(br.grouping()).isEqualTo(Grouping.GROUP_BY_KEY);
        assertThat(br.sideInput()).isNull();
      });
    }
  }

  @Test
  void processingTimeTriggersAreGeneratedOnlyWhenAllowed() {
    Set<String> seen = new HashSet<>();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    for (int i = 0; i < 300; i++) {
      triggerKinds(new TriggerGenerator(rnd, false).topLevel(), seen);
    }
    assertThat(seen).doesNotContain(AfterProcessingTime.class.getSimpleName());
  }

  @Test
  void capturedPanesHaveEveryTimingAndEmptyAndFinalPanes() {
    StreamCaseGenerator g = new StreamCaseGenerator(ALL, DEFAULTS);
    List<String> lines = new ArrayList<>();
    for (long seed = 1_000; seed < 1_004; seed++) {
      StreamRun run = StreamRun.of(g.generate(seed, 10), List.of("--runner=direct"));
      assertThat(run.failure()).isNull();
      run.branches().forEach(lines::addAll);
    }
    assertThat(lines).anyMatch(l -> l.contains(" EARLY ")).anyMatch(l -> l.contains(" ON_TIME "))
        .anyMatch(l -> l.contains(" LATE ")).anyMatch(l -> l.contains("=[] "))
        .anyMatch(l -> l.contains(" last ")).anyMatch(l -> l.startsWith("out "));
  }

  @Test
  void aDisagreementNamesTheSeedAndCaseToReplay() {
    StreamBatch b = new StreamCaseGenerator(ALL, DEFAULTS).generate(42, 3);
    StreamRun base = new StreamRun(List.of("--runner=direct"),
        List.of(List.of(), List.of("g1 a=[1] GW EARLY i=0 ns=-1 first @GWmax"), List.of()),
        null, 0);
    StreamRun other = new StreamRun(List.of("--runner=flink"),
        List.of(List.of(), List.of("g1 a=[1] GW LATE i=0 ns=0 first @GWmax"), List.of()),
        null, 0);
    assertThat(StreamRun.agree(base, other, 0)).isTrue();
    assertThat(StreamRun.agree(base, other, 1)).isFalse();
    assertThat(StreamRun.describe(b, 1, 1, "flink", base, other))
        .contains("-Ddifferential.seed=42 -Ddifferential.case=1")
        .contains("Missing: [g1 a=[1] GW EARLY i=0 ns=-1 first @GWmax]")
        .contains("Unexpected: [g1 a=[1] GW LATE i=0 ns=0 first @GWmax]")
        .contains(b.script().toString());
  }
}
