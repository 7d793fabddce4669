package dev.millrace.examples.complete.game;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.RecordCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;

/**
 * The stateful mobile-gaming example: a running total per team, kept in per-key state instead of
 * windows and triggers, and emitted each time it crosses a multiple of {@code --thresholdScore}
 * (once per event, however many multiples that event crosses).
 *
 * <pre>
 * ./millrace run complete.game.StatefulTeamScore --numEvents=5000 --thresholdScore=2000
 * </pre>
 *
 * <p>The input is the replayed stream of {@link GameEventGenerator#asTestStream}; every crossing
 * is printed as {@code team=<team> total_score=<total>}.
 */
public final class StatefulTeamScore {
  private StatefulTeamScore() {}

  /** The options of {@link StatefulTeamScore}. */
  public interface Options extends GameSourceOptions {
    @Description("Emit a team's total each time it crosses a multiple of this score.")
    @Default.Integer(5000)
    int getThresholdScore();

    void setThresholdScore(int value);
  }

  /** Keys events by team and emits (team, total) whenever a total crosses a threshold multiple. */
  public static final class TeamScoreCrossings
      extends PTransform<PCollection<GameEvent>, PCollection<KV<String, Integer>>> {
    private final int thresholdScore;

    /** Crossings of multiples of {@code thresholdScore} (positive). */
    public TeamScoreCrossings(int thresholdScore) {
      super("TeamScoreCrossings");
      Preconditions.checkArgument(thresholdScore > 0,
          "the threshold score must be positive, got %s", thresholdScore);
      this.thresholdScore = thresholdScore;
    }

    @Override
    public PCollection<KV<String, Integer>> expand(PCollection<GameEvent> events) {
      return events
          .apply("MapTeamAsKey", ParDo.of(new KeyByTeamFn()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), RecordCoder.of(GameEvent.class)))
          .apply("UpdateTeamScore", ParDo.of(new UpdateTeamScoreFn(thresholdScore)))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()));
    }
  }

  /** Keys an event by its team. */
  static final class KeyByTeamFn extends DoFn<GameEvent, KV<String, GameEvent>> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(c.element().team(), c.element()));
    }
  }

  /**
   * Adds each event's score to its team's total (a {@link ValueState}) and outputs the new total
   * when it reaches a higher multiple of the threshold than the old one.
   */
  public static final class UpdateTeamScoreFn
      extends DoFn<KV<String, GameEvent>, KV<String, Integer>> {
    private static final long serialVersionUID = 1L;
    private final StateSpec<ValueState<Integer>> totalScore = StateSpecs.value(VarIntCoder.of());
    private final int thresholdScore;

    /** Emits at every multiple of {@code thresholdScore}. */
    public UpdateTeamScoreFn(int thresholdScore) {
      this.thresholdScore = thresholdScore;
    }

    @Override
    public void processElement(ProcessContext c) {
      ValueState<Integer> total = c.state(totalScore);
      int before = total.read() == null ? 0 : total.read();
      int after = before + c.element().getValue().score();
      if (after / thresholdScore > before / thresholdScore) {
        c.output(KV.of(c.element().getKey(), after));
      }
      total.write(after);
    }
  }

  /** Formats a crossing as {@code team=<team> total_score=<total>}. */
  static final class FormatFn extends DoFn<KV<String, Integer>, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ProcessContext c) {
      c.output("team=" + c.element().getKey() + " total_score=" + c.element().getValue());
    }
  }

  /** Builds the pipeline: replay events, track team totals, print every crossing. */
  public static Pipeline buildPipeline(Options options) {
    Pipeline p = Pipeline.create(options);
    LeaderBoard.readStream(p, options, 2)
        .apply("TeamScoreCrossings", new TeamScoreCrossings(options.getThresholdScore()))
        .apply("FormatCrossings", ParDo.of(new FormatFn()))
        .apply("PrintCrossings", ParDo.of(new LeaderBoard.PrintFn()));
    return p;
  }

  /** Runs the example; see the class comment for the flags. */
  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    buildPipeline(options).run().waitUntilFinish();
  }
}
