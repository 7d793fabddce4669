package dev.millrace.compliance.differential;

import dev.millrace.compliance.capability.RunnerCapabilities;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TEMPORARY: investigation helper (deleted before hand-off). */
class ScratchInvestigationTest {
  @Test
  void investigate() {
    long seed = Long.getLong("scratch.seed", 0);
    int index = Integer.getInteger("scratch.case", 0);
    int times = Integer.getInteger("scratch.times", 5);
    String flagsProp = System.getProperty("scratch.flags", "--runner=direct --targetParallelism=1;--runner=direct --targetParallelism=3");
    StreamBatch batch = StreamDifferentialTest.generator(RunnerCapabilities.forRunner("direct"))
        .generate(seed, StreamDifferentialTest.BRANCHES).only(index);
    System.out.println("SCRATCH script " + batch.script());
    System.out.println("SCRATCH pipeline " + batch.branches().get(0));
    for (String flags : flagsProp.split(";")) {
      Map<List<String>, Integer> seen = new HashMap<>();
      for (int i = 0; i < times; i++) {
        StreamRun r = StreamRun.of(batch, List.of(flags.split(" ")));
        if (r.failure() != null) {
          r.failure().printStackTrace(System.out);
          continue;
        }
        seen.merge(r.branches().get(0), 1, Integer::sum);
      }
      System.out.println("SCRATCH flags " + flags + ": " + seen.size() + " distinct outputs");
      for (Map.Entry<List<String>, Integer> e : seen.entrySet()) {
        System.out.println("SCRATCH   x" + e.getValue() + ": " + e.getKey());
      }
    }
  }

  private static final long B = StreamScript.BASE;

  private static GeneratedCase.Input in(String k, long v, long t) {
    return new GeneratedCase.Input(k, v, B + t);
  }

  @Test
  void hand() {
    StreamScript script = new StreamScript(List.of(
        new StreamScript.Elements(List.of(in("a", 1, 0), in("a", 2, 1000))),
        new StreamScript.Watermark(26_000),
        new StreamScript.Elements(List.of(in("a", 5, -57_566)))));
    List<StreamBranch> branches = new ArrayList<>();
    for (List<Step> pre : List.<List<Step>>of(List.of(), List.of(new Step.FlattenWithBranch(10)))) {
      branches.add(new StreamBranch(pre, new StreamBranch.WindowSpec(StreamBranch.WindowKind.FIXED,
          30_000, 0, dev.millrace.windowing.triggers.Repeatedly.forever(
              dev.millrace.windowing.triggers.AfterPane.elementCountAtLeast(1)),
          false, 30_000, null, null, null), StreamBranch.Grouping.GROUP_BY_KEY, List.of(), null,
          null));
    }
    StreamBatch batch = new StreamBatch(0, script, branches);
    for (String flags : List.of("--runner=direct", "--runner=flink")) {
      StreamRun r = StreamRun.of(batch, List.of(flags));
      if (r.failure() != null) {
        r.failure().printStackTrace(System.out);
        continue;
      }
      for (int i = 0; i < branches.size(); i++) {
        System.out.println("SCRATCH " + flags + " " + branches.get(i) + "\nSCRATCH   " + r.branches().get(i));
      }
    }
  }
}
