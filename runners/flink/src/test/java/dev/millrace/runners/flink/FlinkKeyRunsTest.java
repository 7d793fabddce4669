package dev.millrace.runners.flink;

import dev.millrace.Pipeline;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.testing.PAssert;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A grouping that reads records from Flink's sources (no TestStream) processes them as they come,
 * except that in STREAMING execution, when windows fire only at their end (as here), consecutive
 * records of one key are processed together, as a run of bounded length; in BATCH execution
 * Flink fires a key's timers as soon as the next key comes, so nothing may wait. Either way every
 * group must come out exactly once and whole: a hot key with more records in a row than one run
 * holds, short runs, single records, and keys that come back after others.
 */
class FlinkKeyRunsTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  /** Records of each key, in this order: hot, short runs of a..e, single f..o, hot again. */
  private static List<TimestampedValue<KV<String, Long>>> input() {
    List<TimestampedValue<KV<String, Long>>> in = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) { // more than two runs' worth, in two windows
      in.add(TimestampedValue.of(KV.of("hot", 1L), Instant.ofEpochSecond(i < 20_000 ? 10 : 70)));
    }
    for (char k = 'a'; k <= 'e'; k++) {
      for (int i = 0; i < 7; i++) {
        in.add(TimestampedValue.of(KV.of(String.valueOf(k), (long) i), Instant.ofEpochSecond(i)));
      }
    }
    for (char k = 'f'; k <= 'o'; k++) {
      in.add(TimestampedValue.of(KV.of(String.valueOf(k), 100L), Instant.ofEpochSecond(65)));
    }
    for (int i = 0; i < 3; i++) {
      in.add(TimestampedValue.of(KV.of("hot", 1000L), Instant.ofEpochSecond(20)));
    }
    return in;
  }

  /** "key@window-start-seconds=sum/count" for each group: a group delivered twice shows twice. */
  private static List<String> expectedGroups() {
    Map<String, long[]> groups = new TreeMap<>();
    for (TimestampedValue<KV<String, Long>> v : input()) {
      String group = v.value().getKey() + "@" + v.timestamp().getEpochSecond() / 60 * 60;
      long[] sumCount = groups.computeIfAbsent(group, g -> new long[2]);
      sumCount[0] += v.value().getValue();
      sumCount[1]++;
    }
    List<String> out = new ArrayList<>();
    groups.forEach((g, sc) -> out.add(g + "=" + sc[0] + "/" + sc[1]));
    return out;
  }

  static final class DescribeGroup extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      long sum = 0;
      long count = 0;
      for (long v : c.element().getValue()) {
        sum += v;
        count++;
      }
      c.output(c.element().getKey() + "@" + ((IntervalWindow) c.window()).start().getEpochSecond()
          + "=" + sum + "/" + count);
    }
  }

  @ParameterizedTest(name = "streaming={0}")
  @ValueSource(booleans = {true, false})
  void everyGroupComesOutOnceAndWhole(boolean streaming) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(
        "--runner=flink", "--parallelism=2", "--streaming=" + streaming).create());
    PCollection<String> groups = p.apply(Create.timestamped(input()))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new DescribeGroup()));
    PAssert.that(groups).containsInAnyOrder(expectedGroups());
    p.run().waitUntilFinish();
  }
}
