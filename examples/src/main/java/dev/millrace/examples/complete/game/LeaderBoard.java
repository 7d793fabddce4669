package dev.millrace.examples.complete.game;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
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
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;

/**
 * The third mobile-gaming example, in streaming: a live leader board.
 *
 * <ul>
 *   <li>Team scores per fixed window of event time ({@code --teamWindowDuration} minutes). A
 *       speculative EARLY pane fires {@code --earlyFiringMinutes} of processing time after the
 *       first element of each pane, the ON_TIME pane when the watermark passes the end of the
 *       window, then a LATE pane for every late element, up to {@code --allowedLateness} minutes
 *       after the end of the window; later data is dropped. Panes accumulate: each one carries
 *       the window's total so far.
 *   <li>User scores over all time (the global window), refreshed {@code --userFiringMinutes} of
 *       processing time after the first element of each pane, accumulating.
 * </ul>
 *
 * <pre>
 * ./millrace run complete.game.LeaderBoard --numEvents=5000
 * </pre>
 *
 * <p>The input is an unbounded stream replayed from {@link GameEventGenerator#asTestStream}:
 * events arrive in their generated order with a virtual processing-time clock, and the watermark
 * trails the newest arrival by {@code --watermarkLagMinutes}, so delayed events become late. Every
 * fired pane is printed to standard output as {@code team|user ... total_score=... timing=...}.
 */
public final class LeaderBoard {
  private LeaderBoard() {}

  /** The options of {@link LeaderBoard}. */
  public interface Options extends GameSourceOptions {
    @Description("Length of the fixed windows of the team scores, in minutes.")
    @Default.Integer(60)
    int getTeamWindowDuration();

    void setTeamWindowDuration(int value);

    @Description("How long after the end of a window late data still updates it, in minutes.")
    @Default.Integer(120)
    int getAllowedLateness();

    void setAllowedLateness(int value);

    @Description("Processing-time minutes after the first element of a pane before an early "
        + "(speculative) team score fires.")
    @Default.Integer(5)
    int getEarlyFiringMinutes();

    void setEarlyFiringMinutes(int value);

    @Description("Processing-time minutes after the first element of a pane before the user "
        + "scores are refreshed.")
    @Default.Integer(10)
    int getUserFiringMinutes();

    void setUserFiringMinutes(int value);

    @Description("How far the replayed stream's watermark trails the newest event, in minutes.")
    @Default.Integer(2)
    int getWatermarkLagMinutes();

    void setWatermarkLagMinutes(int value);
  }

  /**
   * Team scores in fixed windows with early, on-time and per-element late panes, accumulating.
   * The input must be timestamped with event time.
   */
  public static final class CalculateTeamScores
      extends PTransform<PCollection<GameEvent>, PCollection<KV<String, Integer>>> {
    private final Duration teamWindowDuration;
    private final Duration allowedLateness;
    private final Duration earlyFiringDelay;

    /** Windows of {@code teamWindowDuration}; early panes {@code earlyFiringDelay} apart. */
    public CalculateTeamScores(
        Duration teamWindowDuration, Duration allowedLateness, Duration earlyFiringDelay) {
      super("CalculateTeamScores");
      Preconditions.checkArgument(teamWindowDuration.toMillis() > 0,
          "the team window duration must be positive, got %s", teamWindowDuration);
      Preconditions.checkArgument(!allowedLateness.isNegative(),
          "the allowed lateness must not be negative, got %s", allowedLateness);
      Preconditions.checkArgument(earlyFiringDelay.toMillis() > 0,
          "the early firing delay must be positive, got %s", earlyFiringDelay);
      this.teamWindowDuration = teamWindowDuration;
      this.allowedLateness = allowedLateness;
      this.earlyFiringDelay = earlyFiringDelay;
    }

    @Override
    public PCollection<KV<String, Integer>> expand(PCollection<GameEvent> events) {
      return events
          .apply("LeaderboardTeamFixedWindows", Window.<GameEvent>into(
                  FixedWindows.of(teamWindowDuration))
              .triggering(AfterWatermark.pastEndOfWindow()
                  .withEarlyFirings(AfterProcessingTime.pastFirstElementInPane()
                      .plusDelayOf(earlyFiringDelay))
                  .withLateFirings(AfterPane.elementCountAtLeast(1)))
              .withAllowedLateness(allowedLateness)
              .accumulatingFiredPanes())
          .apply("ExtractTeamScore", ExtractAndSumScore.perTeam());
    }
  }

  /**
   * User scores over all time, in the global window, refreshed {@code firingDelay} of processing
   * time after the first element of each pane; panes accumulate, so each is the running total.
   */
  public static final class CalculateUserScores
      extends PTransform<PCollection<GameEvent>, PCollection<KV<String, Integer>>> {
    private final Duration firingDelay;
    private final Duration allowedLateness;

    /** Refreshes every {@code firingDelay} of processing time. */
    public CalculateUserScores(Duration firingDelay, Duration allowedLateness) {
      super("CalculateUserScores");
      Preconditions.checkArgument(firingDelay.toMillis() > 0,
          "the user firing delay must be positive, got %s", firingDelay);
      this.firingDelay = firingDelay;
      this.allowedLateness = allowedLateness;
    }

    @Override
    public PCollection<KV<String, Integer>> expand(PCollection<GameEvent> events) {
      return events
          .apply("LeaderboardUserGlobalWindow", Window.<GameEvent>into(new GlobalWindows())
              .triggering(Repeatedly.forever(
                  AfterProcessingTime.pastFirstElementInPane().plusDelayOf(firingDelay)))
              .withAllowedLateness(allowedLateness)
              .accumulatingFiredPanes())
          .apply("ExtractUserScore", ExtractAndSumScore.perUser());
    }
  }

  /**
   * Formats a score pane as {@code <kind>=<key> total_score=<n> window=<window> timing=<timing>
   * pane=<index>}, reading the window and pane it was fired in.
   */
  public static final class FormatPaneFn extends DoFn<KV<String, Integer>, String> {
    private static final long serialVersionUID = 1L;
    private final String kind;

    /** Labels keys with {@code kind}, e.g. "team" or "user". */
    public FormatPaneFn(String kind) {
      this.kind = kind;
    }

    @Override
    public void processElement(ProcessContext c) {
      String window = c.window() instanceof IntervalWindow w ? w.toString() : "global";
      c.output(kind + "=" + c.element().getKey() + " total_score=" + c.element().getValue()
          + " window=" + window + " timing=" + c.pane().timing() + " pane=" + c.pane().index());
    }
  }

  /** Prints every element to standard output. */
  static final class PrintFn extends DoFn<String, Void> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ProcessContext c) {
      System.out.println(c.element());
    }
  }

  /** The replayed stream of game events the options describe. */
  static PCollection<GameEvent> readStream(Pipeline p, GameSourceOptions options, int lagMinutes) {
    GameEventGenerator gen = GameSourceOptions.generator(options);
    return p.apply("ReplayGameEvents",
        gen.asTestStream(Duration.ofMinutes(lagMinutes), Math.max(1, gen.events() / 200)));
  }

  /** Builds the pipeline: replay events, compute team and user scores, print every pane. */
  public static Pipeline buildPipeline(Options options) {
    Pipeline p = Pipeline.create(options);
    PCollection<GameEvent> events = readStream(p, options, options.getWatermarkLagMinutes());
    Duration lateness = Duration.ofMinutes(options.getAllowedLateness());
    events
        .apply("CalculateTeamScores", new CalculateTeamScores(
            Duration.ofMinutes(options.getTeamWindowDuration()), lateness,
            Duration.ofMinutes(options.getEarlyFiringMinutes())))
        .apply("FormatTeamScores", ParDo.of(new FormatPaneFn("team")))
        .apply("PrintTeamScores", ParDo.of(new PrintFn()));
    events
        .apply("CalculateUserScores", new CalculateUserScores(
            Duration.ofMinutes(options.getUserFiringMinutes()), lateness))
        .apply("FormatUserScores", ParDo.of(new FormatPaneFn("user")))
        .apply("PrintUserScores", ParDo.of(new PrintFn()));
    return p;
  }

  /** Runs the example; see the class comment for the flags. */
  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    buildPipeline(options).run().waitUntilFinish();
  }
}
