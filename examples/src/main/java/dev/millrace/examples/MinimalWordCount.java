package dev.millrace.examples;

import static dev.millrace.values.TypeDescriptors.strings;

import dev.millrace.Pipeline;
import dev.millrace.io.TextIO;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Filter;
import dev.millrace.transforms.FlatMapElements;
import dev.millrace.transforms.MapElements;
import java.util.Arrays;

/**
 * The smallest useful pipeline: counts the words of the shipped sample text (run it from the
 * repository root) and writes {@code word: count} lines to {@code wordcounts-SSSSS-of-NNNNN} in
 * the working directory. No options: paths are fixed; see {@link WordCount} for a configurable,
 * better-structured version.
 *
 * <pre>{@code ./millrace run MinimalWordCount}</pre>
 */
public final class MinimalWordCount {
  private MinimalWordCount() {}

  public static void main(String[] args) {
    Pipeline p = Pipeline.create();

    p.apply(TextIO.read().from("examples/data/kinglear.txt"))
        // A word is a run of Unicode letters.
        .apply(FlatMapElements.into(strings())
            .via((String line) -> Arrays.asList(line.split("[^\\p{L}]+"))))
        .apply(Filter.by((String word) -> !word.isEmpty()))
        .apply(Count.perElement())
        .apply(MapElements.into(strings()).via(kv -> kv.getKey() + ": " + kv.getValue()))
        .apply(TextIO.write().to("wordcounts"));

    p.run().waitUntilFinish();
  }
}
