package dev.millrace.examples;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.io.TextIO;
import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.IntervalWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Counts words per fixed window of event time: {@link WordCount} with windowing.
 *
 * <pre>{@code
 * ./millrace run WindowedWordCount --output=/tmp/windowed/counts
 * ./millrace run WindowedWordCount --inputFile=book.txt --windowSize=30 --output=/tmp/w/counts
 * }</pre>
 *
 * <p>Text lines carry no time of their own, so each line gets a pseudo-random timestamp in
 * {@code [--minTimestampMillis, --minTimestampMillis + 2 h)} ({@link AddTimestampFn}). The
 * timestamp depends only on {@code --timestampSeed} and the line's text, so a run gives the same
 * result whatever the bundling or parallelism (identical lines share a timestamp). Lines are then
 * assigned to fixed windows of {@code --windowSize} minutes (10 by default) and words are counted
 * per window.
 *
 * <p>Output: text files {@code <output>-SSSSS-of-NNNNN} (all windows together, since text files
 * are written from the global window) with one line per window and word:
 * {@code <window start>/<window end> word: count}, e.g. {@code
 * 2024-01-01T00:10:00Z/2024-01-01T00:20:00Z king: 7} (an ISO-8601 interval; the end is
 * exclusive).
 */
public final class WindowedWordCount {
  private WindowedWordCount() {}

  /** The length of the range timestamps are drawn from. */
  public static final Duration TIMESTAMP_RANGE = Duration.ofHours(2);

  /** The options of {@link WindowedWordCount}. */
  public interface Options extends WordCount.WordCountOptions {
    @Description("Length of the fixed windows, in minutes.")
    @Default.Integer(10)
    int getWindowSize();

    void setWindowSize(int value);

    @Description("Start of the 2-hour range the lines' timestamps are drawn from, in epoch "
        + "milliseconds (default 2024-01-01T00:00:00Z).")
    @Default.Long(1_704_067_200_000L)
    long getMinTimestampMillis();

    void setMinTimestampMillis(long value);

    @Description("Seed of the pseudo-random line timestamps.")
    @Default.Long(1)
    long getTimestampSeed();

    void setTimestampSeed(long value);
  }

  /**
   * Gives every line a pseudo-random timestamp in {@code [min, min + range)}, derived from the
   * seed and the line's text only (so it does not depend on processing order).
   */
  public static final class AddTimestampFn extends DoFn<String, String> {
    private static final long serialVersionUID = 1L;
    private final long minMillis;
    private final long rangeMillis;
    private final long seed;

    /** Timestamps in {@code [min, min + range)} drawn with {@code seed}. */
    public AddTimestampFn(Instant min, Duration range, long seed) {
      Preconditions.checkArgument(range.toMillis() > 0, "the range must be positive: %s", range);
      this.minMillis = min.toEpochMilli();
      this.rangeMillis = range.toMillis();
      this.seed = seed;
    }

    /** The timestamp this function gives {@code line}. */
    public Instant timestampOf(String line) {
      SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ line.hashCode());
      return Instant.ofEpochMilli(minMillis + r.nextLong(rangeMillis));
    }

    @Override
    public void processElement(ProcessContext c) {
      c.outputWithTimestamp(c.element(), timestampOf(c.element()));
    }
  }

  /** Counts words per fixed window of the given size; the lines must carry timestamps. */
  public static final class CountWordsPerWindow
      extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {
    private final Duration windowSize;

    /** Windows of {@code windowSize} (positive). */
    public CountWordsPerWindow(Duration windowSize) {
      super("CountWordsPerWindow");
      Preconditions.checkArgument(windowSize.toMillis() > 0,
          "the window size must be positive, got %s; pass e.g. --windowSize=10", windowSize);
      this.windowSize = windowSize;
    }

    @Override
    public PCollection<KV<String, Long>> expand(PCollection<String> lines) {
      return lines
          .apply("FixedWindows", Window.<String>into(FixedWindows.of(windowSize)))
          .apply("CountWords", new WordCount.CountWords());
    }
  }

  /** Formats a windowed count as {@code <start>/<end> word: count}. */
  public static final class FormatWithWindowFn extends DoFn<KV<String, Long>, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ProcessContext c) {
      String window = c.window() instanceof IntervalWindow w
          ? w.start() + "/" + w.end()
          : "global";
      c.output(window + " " + c.element().getKey() + ": " + c.element().getValue());
    }
  }

  /** Builds and runs the pipeline, waiting until it finishes. */
  public static PipelineResult runWindowedWordCount(Options options) {
    Pipeline p = Pipeline.create(options);
    p.apply("ReadLines", TextIO.read().from(options.getInputFile()))
        .apply("AddTimestamps", ParDo.of(new AddTimestampFn(
            Instant.ofEpochMilli(options.getMinTimestampMillis()), TIMESTAMP_RANGE,
            options.getTimestampSeed())))
        .apply(new CountWordsPerWindow(Duration.ofMinutes(options.getWindowSize())))
        .apply("FormatWithWindow", ParDo.of(new FormatWithWindowFn()))
        .apply("ToGlobalWindow", Window.<String>into(new GlobalWindows()))
        .apply("WriteCounts", TextIO.write().to(options.getOutput()));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return result;
  }

  /** Runs the example; see the class comment for the flags. */
  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    runWindowedWordCount(options);
  }
}
