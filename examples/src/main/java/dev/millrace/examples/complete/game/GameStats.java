package dev.millrace.examples.complete.game;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.metrics.Counter;
import dev.millrace.metrics.Metrics;
import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.Mean;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Values;
import dev.millrace.transforms.View;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TypeDescriptors;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.TimestampCombiner;
import java.time.Duration;
import java.util.Map;

/**
 * The fourth mobile-gaming example, in streaming: statistics beyond plain sums.
 *
 * <ul>
 *   <li><b>Spam detection.</b> Per fixed window ({@code --fixedWindowDuration} minutes), every
 *       user's total score is compared with the mean of all users' totals in that window; users
 *       above {@code mean × --scoreWeight} are flagged as spammers. The flagged users reach the
 *       team-score step as a {@code View.asMap()} side input (in the matching window), which
 *       drops their events before the team totals are summed.
 *   <li><b>Session lengths.</b> Each user's events are grouped into sessions separated by gaps of
 *       at least {@code --sessionGap} minutes. A session's length is its window's length in whole
 *       minutes (from its first event to its last event plus the gap). The mean session length
 *       is reported per fixed window of {@code --userActivityWindowDuration} minutes, by the time
 *       the sessions end.
 * </ul>
 *
 * <pre>
 * ./millrace run complete.game.GameStats --numEvents=5000 --scoreWeight=2.5
 * </pre>
 *
 * <p>Input is the replayed stream of {@link LeaderBoard}; results are printed to standard output.
 */
public final class GameStats {
  private GameStats() {}

  /** The options of {@link GameStats}. */
  public interface Options extends LeaderBoard.Options {
    @Description("Length of the fixed windows for team scores and spam detection, in minutes.")
    @Default.Integer(60)
    int getFixedWindowDuration();

    void setFixedWindowDuration(int value);

    @Description("Gap of inactivity, in minutes, that ends a user's session.")
    @Default.Integer(5)
    int getSessionGap();

    void setSessionGap(int value);

    @Description("Length of the fixed windows over which mean session lengths are reported, in "
        + "minutes.")
    @Default.Integer(30)
    int getUserActivityWindowDuration();

    void setUserActivityWindowDuration(int value);

    @Description("A user whose total score in a window exceeds the mean total of all users in "
        + "that window times this weight is treated as a spammer.")
    @Default.Double(2.5)
    double getScoreWeight();

    void setScoreWeight(double value);
  }

  /**
   * Finds the users whose total score is above the mean total of all users times {@code
   * scoreWeight}, per window. Input: {@code KV(user, score)} per event; output: {@code KV(user,
   * total)} of the spammers. Each spammer increments the counter {@value #SPAMMERS} of this
   * class's namespace.
   */
  public static final class CalculateSpammyUsers
      extends PTransform<PCollection<KV<String, Integer>>, PCollection<KV<String, Integer>>> {
    /** The counter of flagged users (one per user and window). */
    public static final String SPAMMERS = "spammerUsers";
    private final double scoreWeight;

    /** Flags users above the mean times {@code scoreWeight} (positive). */
    public CalculateSpammyUsers(double scoreWeight) {
      super("CalculateSpammyUsers");
      Preconditions.checkArgument(scoreWeight > 0, "scoreWeight must be positive, got %s",
          scoreWeight);
      this.scoreWeight = scoreWeight;
    }

    @Override
    public PCollection<KV<String, Integer>> expand(PCollection<KV<String, Integer>> userScores) {
      PCollection<KV<String, Integer>> sums = userScores.apply("SumUserScores",
          Sum.integersPerKey());
      PCollectionView<Double> globalMean = sums
          .apply("UserTotals", Values.create())
          .apply("GlobalMeanScore", Mean.<Integer>globally().withoutDefaults().asSingletonView());
      return sums.apply("ProcessAndFilter",
          ParDo.of(new AboveMeanFn(globalMean, scoreWeight)).withSideInputs(globalMean));
    }
  }

  /** Keeps the users whose total exceeds the window's mean total times the weight. */
  private static final class AboveMeanFn extends DoFn<KV<String, Integer>, KV<String, Integer>> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Double> mean;
    private final double weight;
    private final Counter spammers = Metrics.counter(GameStats.class,
        CalculateSpammyUsers.SPAMMERS);

    AboveMeanFn(PCollectionView<Double> mean, double weight) {
      this.mean = mean;
      this.weight = weight;
    }

    @Override
    public void processElement(ProcessContext c) {
      double threshold = c.sideInput(mean) * weight;
      if (c.element().getValue() > threshold) {
        spammers.inc();
        c.output(c.element());
      }
    }
  }

  /**
   * Team totals per fixed window, leaving out the events of the users that {@link
   * CalculateSpammyUsers} flags in the same window. The input must be timestamped with event
   * time.
   */
  public static final class TeamScoresWithoutSpammers
      extends PTransform<PCollection<GameEvent>, PCollection<KV<String, Integer>>> {
    private final Duration fixedWindowDuration;
    private final double scoreWeight;

    /** Windows of {@code fixedWindowDuration}; spammers above mean × {@code scoreWeight}. */
    public TeamScoresWithoutSpammers(Duration fixedWindowDuration, double scoreWeight) {
      super("TeamScoresWithoutSpammers");
      Preconditions.checkArgument(fixedWindowDuration.toMillis() > 0,
          "the window duration must be positive, got %s", fixedWindowDuration);
      this.fixedWindowDuration = fixedWindowDuration;
      this.scoreWeight = scoreWeight;
    }

    @Override
    public PCollection<KV<String, Integer>> expand(PCollection<GameEvent> events) {
      PCollection<GameEvent> windowed = events.apply("FixedWindows",
          Window.<GameEvent>into(FixedWindows.of(fixedWindowDuration)));
      PCollectionView<Map<String, Integer>> spammers = windowed
          .apply("UserScores", MapElements.into(
                  TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.integers()))
              .via((GameEvent e) -> KV.of(e.user(), e.score())))
          .apply("CalculateSpammyUsers", new CalculateSpammyUsers(scoreWeight))
          .apply("SpammersView", View.asMap());
      return windowed
          .apply("FilterOutSpammers",
              ParDo.of(new FilterSpammersFn(spammers)).withSideInputs(spammers))
          .apply("ExtractTeamScore", ExtractAndSumScore.perTeam());
    }
  }

  /** Drops the events of users in the spammer map of the event's window. */
  private static final class FilterSpammersFn extends DoFn<GameEvent, GameEvent> {
    private static final long serialVersionUID = 1L;
    private final PCollectionView<Map<String, Integer>> spammers;

    FilterSpammersFn(PCollectionView<Map<String, Integer>> spammers) {
      this.spammers = spammers;
    }

    @Override
    public void processElement(ProcessContext c) {
      if (!c.sideInput(spammers).containsKey(c.element().user())) {
        c.output(c.element());
      }
    }
  }

  /**
   * The length in whole minutes of every user session: {@code KV(user, minutes)}, one per
   * session window of gap {@code sessionGap}, timestamped at the end of the session.
   */
  public static final class UserSessionLengths
      extends PTransform<PCollection<GameEvent>, PCollection<KV<String, Integer>>> {
    private final Duration sessionGap;

    /** Sessions end after {@code sessionGap} of inactivity. */
    public UserSessionLengths(Duration sessionGap) {
      super("UserSessionLengths");
      Preconditions.checkArgument(sessionGap.toMillis() > 0,
          "the session gap must be positive, got %s", sessionGap);
      this.sessionGap = sessionGap;
    }

    @Override
    public PCollection<KV<String, Integer>> expand(PCollection<GameEvent> events) {
      return events
          .apply("UserSessions", Window.<GameEvent>into(Sessions.withGapDuration(sessionGap))
              .withTimestampCombiner(TimestampCombiner.END_OF_WINDOW))
          .apply("KeyByUser", MapElements.into(TypeDescriptors.strings())
              .via((GameEvent e) -> e.user()))
          .apply("EventsPerSession", Count.perElement())
          .apply("SessionLength", ParDo.of(new SessionLengthFn()));
    }
  }

  /** Outputs the length in minutes of the session window a grouped result belongs to. */
  private static final class SessionLengthFn extends DoFn<KV<String, Long>, KV<String, Integer>> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ProcessContext c) {
      IntervalWindow w = (IntervalWindow) c.window();
      int minutes = (int) Duration.ofMillis(w.endMillis() - w.startMillis()).toMinutes();
      c.output(KV.of(c.element().getKey(), minutes));
    }
  }

  /**
   * The mean session length in minutes per fixed window of {@code activityWindow}, counting each
   * session in the window where it ends.
   */
  public static final class AverageSessionLength
      extends PTransform<PCollection<GameEvent>, PCollection<Double>> {
    private final Duration sessionGap;
    private final Duration activityWindow;

    /** Sessions of gap {@code sessionGap}, averaged per window of {@code activityWindow}. */
    public AverageSessionLength(Duration sessionGap, Duration activityWindow) {
      super("AverageSessionLength");
      this.sessionGap = sessionGap;
      this.activityWindow = activityWindow;
    }

    @Override
    public PCollection<Double> expand(PCollection<GameEvent> events) {
      return events
          .apply("UserSessionLengths", new UserSessionLengths(sessionGap))
          .apply("Lengths", Values.create())
          .apply("UserActivityWindows", Window.<Integer>into(FixedWindows.of(activityWindow)))
          .apply("MeanSessionLength", Mean.<Integer>globally().withoutDefaults());
    }
  }

  /** Formats a windowed mean as {@code window=... mean_session_minutes=...}. */
  static final class FormatMeanFn extends DoFn<Double, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ProcessContext c) {
      c.output("window=" + c.window() + " mean_session_minutes="
          + String.format(java.util.Locale.ROOT, "%.2f", c.element()));
    }
  }

  /** Builds the pipeline: replay events, spam-filtered team scores, mean session lengths. */
  public static Pipeline buildPipeline(Options options) {
    Pipeline p = Pipeline.create(options);
    PCollection<GameEvent> events =
        LeaderBoard.readStream(p, options, options.getWatermarkLagMinutes());
    events
        .apply("TeamScoresWithoutSpammers", new TeamScoresWithoutSpammers(
            Duration.ofMinutes(options.getFixedWindowDuration()), options.getScoreWeight()))
        .apply("FormatTeamScores", ParDo.of(new LeaderBoard.FormatPaneFn("team")))
        .apply("PrintTeamScores", ParDo.of(new LeaderBoard.PrintFn()));
    events
        .apply("AverageSessionLength", new AverageSessionLength(
            Duration.ofMinutes(options.getSessionGap()),
            Duration.ofMinutes(options.getUserActivityWindowDuration())))
        .apply("FormatSessionLengths", ParDo.of(new FormatMeanFn()))
        .apply("PrintSessionLengths", ParDo.of(new LeaderBoard.PrintFn()));
    return p;
  }

  /** Runs the example; see the class comment for the flags. */
  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    buildPipeline(options).run().waitUntilFinish();
  }
}
