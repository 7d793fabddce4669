package dev.millrace.examples.complete.game;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Filter;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The second mobile-gaming example, in batch: the total score of every team in fixed windows of
 * event time ({@code --windowDuration} minutes, 60 by default), over the events at or after
 * {@code --startMin} and before {@code --stopMin}.
 *
 * <pre>
 * ./millrace run complete.game.HourlyTeamScore --output=/tmp/hourly --windowDuration=30 \
 *     --startMin=2024-01-01-00-30 --stopMin=2024-01-01-02-00
 * </pre>
 *
 * <p>Input as for {@link UserScore}. Events are timestamped with their own event time before
 * windowing. Output lines are {@code window_start=<ISO instant>, team=<team>,
 * total_score=<total>}. Minutes are given as {@code yyyy-MM-dd-HH-mm} in UTC.
 */
public final class HourlyTeamScore {
  private HourlyTeamScore() {}

  /** The format of {@code --startMin} and {@code --stopMin}. */
  public static final DateTimeFormatter MINUTE_FORMAT = DateTimeFormatter.ofPattern(
      "yyyy-MM-dd-HH-mm");

  /** The options of {@link HourlyTeamScore}. */
  public interface Options extends UserScore.Options {
    @Description("Length of the fixed windows, in minutes.")
    @Default.Integer(60)
    int getWindowDuration();

    void setWindowDuration(int value);

    @Description("Only events at or after this minute count, as yyyy-MM-dd-HH-mm in UTC.")
    @Default.String("1970-01-01-00-00")
    String getStartMin();

    void setStartMin(String value);

    @Description("Only events before this minute count, as yyyy-MM-dd-HH-mm in UTC.")
    @Default.String("2100-01-01-00-00")
    String getStopMin();

    void setStopMin(String value);
  }

  /** Parses a minute {@code yyyy-MM-dd-HH-mm} (UTC); the message names the flag on error. */
  public static Instant parseMinute(String flag, String text) {
    try {
      return LocalDateTime.parse(text, MINUTE_FORMAT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--" + flag + "=" + text + " is not a minute in the form "
          + "yyyy-MM-dd-HH-mm (UTC), e.g. --" + flag + "=2024-01-01-09-30", e);
    }
  }

  /**
   * Sums the scores per team in fixed windows of event time, keeping only events in {@code
   * [start, stop)}. The input's elements must be timestamped with their event time.
   */
  public static final class WindowedTeamScore
      extends PTransform<PCollection<GameEvent>, PCollection<KV<String, Integer>>> {
    private final Duration windowDuration;
    private final long startMillis;
    private final long stopMillis;

    /** Windows of {@code windowDuration}, events in {@code [start, stop)}. */
    public WindowedTeamScore(Duration windowDuration, Instant start, Instant stop) {
      super("WindowedTeamScore");
      Preconditions.checkArgument(!windowDuration.isNegative() && !windowDuration.isZero(),
          "the window duration must be positive, got %s", windowDuration);
      Preconditions.checkArgument(start.isBefore(stop),
          "the start (%s) must be before the stop (%s)", start, stop);
      this.windowDuration = windowDuration;
      this.startMillis = start.toEpochMilli();
      this.stopMillis = stop.toEpochMilli();
    }

    @Override
    public PCollection<KV<String, Integer>> expand(PCollection<GameEvent> events) {
      long start = startMillis;
      long stop = stopMillis;
      return events
          .apply("FilterStartTime", Filter.by((GameEvent e) -> e.timestampMillis() >= start))
          .apply("FilterEndTime", Filter.by((GameEvent e) -> e.timestampMillis() < stop))
          .apply("FixedWindowsTeam", Window.<GameEvent>into(FixedWindows.of(windowDuration)))
          .apply("ExtractTeamScore", ExtractAndSumScore.perTeam());
    }
  }

  /**
   * Formats windowed {@code KV(team, total)} as {@code window_start=..., team=...,
   * total_score=...}, reading the window each result belongs to.
   */
  public static final class FormatTeamScoreFn extends DoFn<KV<String, Integer>, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ProcessContext c) {
      String start = c.window() instanceof IntervalWindow w
          ? w.start().toString()
          : "global";
      c.output("window_start=" + start + ", team=" + c.element().getKey()
          + ", total_score=" + c.element().getValue());
    }
  }

  /** Builds the pipeline: read, filter by time, window, sum per team, format, write. */
  public static Pipeline buildPipeline(Options options) {
    Instant start = parseMinute("startMin", options.getStartMin());
    Instant stop = parseMinute("stopMin", options.getStopMin());
    Pipeline p = Pipeline.create(options);
    PCollection<String> lines =
        GameIo.readEvents(p, options.getInput(), options.getOutput(), options)
            .apply("WindowedTeamScore", new WindowedTeamScore(
                Duration.ofMinutes(options.getWindowDuration()), start, stop))
            .apply("FormatTeamScores", ParDo.of(new FormatTeamScoreFn()));
    GameIo.writeLines(lines, options.getOutput());
    return p;
  }

  /** Runs the example; see the class comment for the flags. */
  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    buildPipeline(options).run().waitUntilFinish();
  }
}
