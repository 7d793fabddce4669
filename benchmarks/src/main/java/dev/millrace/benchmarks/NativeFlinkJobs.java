package dev.millrace.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.GlobalWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;

/**
 * The reference jobs of {@link FlinkBenchmark}, written directly against Flink's DataStream API:
 * the lines are cut into chunks (as Millrace splits its in-memory source), spread over the
 * parallel instances, split into words {@code (word, event time, 1)}, keyed by word and summed —
 * over the whole input (WordCount) or per one-minute event-time window (windowed count). Each
 * result is merged into a map shared with the benchmark (the MiniCluster runs in this JVM), then
 * discarded.
 */
final class NativeFlinkJobs {
  private NativeFlinkJobs() {}

  private static final TypeInformation<Tuple3<String, Long, Long>> WORD =
      Types.TUPLE(Types.STRING, Types.LONG, Types.LONG);

  /** Adds the job to {@code env}; counts land in {@code FlinkBenchmark.SINK}. */
  static void build(StreamExecutionEnvironment env, List<String> lines, int chunks,
      boolean windowed, boolean batch) {
    List<Tuple2<Long, String[]>> data = new ArrayList<>();
    int size = (lines.size() + chunks - 1) / chunks;
    for (int start = 0; start < lines.size(); start += size) {
      int end = Math.min(lines.size(), start + size);
      data.add(Tuple2.of((long) start, lines.subList(start, end).toArray(new String[0])));
    }
    DataStream<Tuple3<String, Long, Long>> words = env
        .fromData(data, Types.TUPLE(Types.LONG, BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO))
        .name("chunks")
        .rebalance()
        .flatMap(new Split(), WORD).name("split");
    DataStream<Tuple3<String, Long, Long>> counts;
    if (windowed) {
      counts = words
          .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple3<String, Long, Long>>noWatermarks()
              .withTimestampAssigner((t, previous) -> t.f1))
          .keyBy(new ByWord(), Types.STRING)
          .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
          .allowedLateness(FlinkBenchmark.lateness)
          .reduce(new Sum());
    } else {
      KeyedStream<Tuple3<String, Long, Long>, String> keyed =
          words.keyBy(new ByWord(), Types.STRING);
      counts = batch
          ? keyed.reduce(new Sum()) // BATCH mode emits one final value per key
          : keyed.window(GlobalWindows.createWithEndOfStreamTrigger()).reduce(new Sum());
    }
    counts.map(new Collect(windowed), Types.INT).name("collect").sinkTo(new DiscardingSink<>());
  }

  /** Splits the lines of a chunk into words stamped with the line number in seconds. */
  static final class Split implements FlatMapFunction<Tuple2<Long, String[]>, Tuple3<String, Long, Long>> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Tuple2<Long, String[]> chunk, Collector<Tuple3<String, Long, Long>> out) {
      String[] lines = chunk.f1;
      for (int i = 0; i < lines.length; i++) {
        long millis = (chunk.f0 + i) * 1000L;
        for (String w : lines[i].split("[^\\p{L}]+")) {
          if (!w.isEmpty()) {
            out.collect(Tuple3.of(w, millis, 1L));
          }
        }
      }
    }
  }

  /** The word of a tuple. */
  static final class ByWord implements KeySelector<Tuple3<String, Long, Long>, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(Tuple3<String, Long, Long> t) {
      return t.f0;
    }
  }

  /** Adds the counts, keeping the first timestamp (all timestamps of a window share its start). */
  static final class Sum implements ReduceFunction<Tuple3<String, Long, Long>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Tuple3<String, Long, Long> reduce(Tuple3<String, Long, Long> a, Tuple3<String, Long, Long> b) {
      return Tuple3.of(a.f0, a.f1, a.f2 + b.f2);
    }
  }

  /** Merges a result into the benchmark's shared map. */
  static final class Collect implements MapFunction<Tuple3<String, Long, Long>, Integer> {
    private static final long serialVersionUID = 1L;
    private final boolean windowed;

    Collect(boolean windowed) {
      this.windowed = windowed;
    }

    @Override
    public Integer map(Tuple3<String, Long, Long> t) {
      Map<String, Long> sink = FlinkBenchmark.SINK;
      sink.merge(windowed ? t.f0 + "@" + (t.f1 / 60_000) : t.f0, t.f2, Long::sum);
      return 0;
    }
  }
}
