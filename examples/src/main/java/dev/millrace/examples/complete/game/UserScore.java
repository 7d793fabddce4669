package dev.millrace.examples.complete.game;

import dev.millrace.Pipeline;
import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.options.Validation;
import dev.millrace.transforms.MapElements;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptors;

/**
 * The first mobile-gaming example, in batch: the total score of every user over all of the input.
 *
 * <pre>
 * ./millrace run complete.game.UserScore --output=/tmp/user-scores
 * ./millrace run complete.game.UserScore --input=events.csv --output=/tmp/user-scores
 * </pre>
 *
 * <p>Input is CSV {@code user,team,score,timestampMillis} ({@code --input}, files or a glob), or,
 * when {@code --input} is not given, synthetic events from {@link GameEventGenerator} ({@code
 * --seed}, {@code --numEvents}). Malformed lines go to {@code <output>-parse-failures-*} and are
 * counted in the {@code ParseEventFn/parseErrors} metric. Output lines are {@code user: total}.
 */
public final class UserScore {
  private UserScore() {}

  /** The options of {@link UserScore}. */
  public interface Options extends GameSourceOptions {
    @Description("CSV files (path or glob) of game events user,team,score,timestampMillis; "
        + "leave empty to generate synthetic events (see --seed, --numEvents).")
    @Default.String("")
    String getInput();

    void setInput(String value);

    @Description("Prefix of the output files.")
    @Validation.Required
    String getOutput();

    void setOutput(String value);
  }

  /** Formats {@code KV(user, total)} as {@code user: total}. */
  public static MapElements<KV<String, Integer>, String> formatUserScores() {
    return MapElements.into(TypeDescriptors.strings())
        .via((KV<String, Integer> kv) -> kv.getKey() + ": " + kv.getValue());
  }

  /** Builds the pipeline: read, sum per user, format, write. */
  public static Pipeline buildPipeline(Options options) {
    Pipeline p = Pipeline.create(options);
    PCollection<GameEvent> events =
        GameIo.readEvents(p, options.getInput(), options.getOutput(), options);
    PCollection<String> lines = events
        .apply("ExtractUserScore", ExtractAndSumScore.perUser())
        .apply("FormatUserScores", formatUserScores());
    GameIo.writeLines(lines, options.getOutput());
    return p;
  }

  /** Runs the example; see the class comment for the flags. */
  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    buildPipeline(options).run().waitUntilFinish();
  }
}
