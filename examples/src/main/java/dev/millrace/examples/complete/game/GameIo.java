package dev.millrace.examples.complete.game;

import dev.millrace.Pipeline;
import dev.millrace.io.TextIO;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Read;
import dev.millrace.transforms.Window;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionTuple;
import dev.millrace.values.TypeDescriptors;
import dev.millrace.windowing.GlobalWindows;

/** Reading and writing for the batch gaming examples' {@code main} methods. */
final class GameIo {
  private GameIo() {}

  /**
   * The game events of a batch example, timestamped with their event time: the CSV files of
   * {@code input} when it is not empty (malformed lines are written to {@code
   * <output>-parse-failures}), otherwise the synthetic events of the generator.
   */
  static PCollection<GameEvent> readEvents(
      Pipeline p, String input, String output, GameSourceOptions options) {
    if (input == null || input.isEmpty()) {
      return p.apply("GenerateGameEvents",
          Read.from(GameSourceOptions.generator(options).asBoundedSource()));
    }
    PCollectionTuple parsed = p.apply("ReadLines", TextIO.read().from(input))
        .apply("ParseGameEvent", ParseEventFn.parse());
    parsed.get(ParseEventFn.FAILURES)
        .apply("FormatFailures", MapElements.into(TypeDescriptors.strings())
            .via((ParseFailure f) -> f.toString()))
        .apply("WriteFailures", TextIO.write().to(output + "-parse-failures"));
    return parsed.get(ParseEventFn.EVENTS)
        .apply("WithEventTimestamps", ParDo.of(new WithEventTimestamps()));
  }

  /** Writes lines (possibly windowed) as text files with the prefix {@code output}. */
  static void writeLines(PCollection<String> lines, String output) {
    lines.apply("ToGlobalWindow", Window.<String>into(new GlobalWindows()))
        .apply("WriteLines", TextIO.write().to(output));
  }
}
