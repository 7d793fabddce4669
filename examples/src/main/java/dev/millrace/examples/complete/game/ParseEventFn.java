package dev.millrace.examples.complete.game;

import dev.millrace.metrics.Counter;
import dev.millrace.metrics.Metrics;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.TupleTag;
import dev.millrace.values.TupleTagList;

/**
 * Parses CSV lines {@code user,team,score,timestampMillis} into {@link GameEvent}s. A malformed
 * line is never dropped silently: it goes to the {@link #FAILURES} output as a {@link
 * ParseFailure} and increments the counter {@value #PARSE_ERRORS} in this class's namespace.
 * Blank lines count as malformed too.
 *
 * <pre>{@code
 * PCollectionTuple parsed = lines.apply("ParseGameEvent", ParseEventFn.parse());
 * PCollection<GameEvent> events = parsed.get(ParseEventFn.EVENTS);
 * PCollection<ParseFailure> bad = parsed.get(ParseEventFn.FAILURES);
 * }</pre>
 *
 * <p>The output elements keep the input's timestamp; use {@link WithEventTimestamps} to move
 * them to the event's own time.
 */
public class ParseEventFn extends DoFn<String, GameEvent> {
  private static final long serialVersionUID = 1L;

  /** The output of the parsed events. */
  public static final TupleTag<GameEvent> EVENTS = new TupleTag<GameEvent>("events") {};
  /** The output of the lines that could not be parsed. */
  public static final TupleTag<ParseFailure> FAILURES =
      new TupleTag<ParseFailure>("parseFailures") {};
  /** The name of the counter of malformed lines. */
  public static final String PARSE_ERRORS = "parseErrors";

  private final Counter parseErrors = Metrics.counter(ParseEventFn.class, PARSE_ERRORS);

  /** The ParDo that parses lines into {@link #EVENTS} and {@link #FAILURES}. */
  public static ParDo.MultiOutput<String, GameEvent> parse() {
    return ParDo.of(new ParseEventFn()).withOutputTags(EVENTS, TupleTagList.of(FAILURES));
  }

  @Override
  public void processElement(ProcessContext c) {
    String line = c.element();
    GameEvent event;
    try {
      event = GameEvent.parseCsv(line);
    } catch (IllegalArgumentException e) {
      parseErrors.inc();
      c.output(FAILURES, new ParseFailure(line, e.getMessage()));
      return;
    }
    c.output(event);
  }
}
