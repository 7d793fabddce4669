package dev.millrace.examples;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.io.TextIO;
import dev.millrace.metrics.Counter;
import dev.millrace.metrics.Distribution;
import dev.millrace.metrics.Metrics;
import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptions;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.options.Validation;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.SimpleFunction;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;

/**
 * Counts the words of a text file and writes {@code word: count} lines to sharded files: the
 * configurable, well-structured sibling of {@link MinimalWordCount}.
 *
 * <pre>{@code
 * ./millrace run WordCount --output=/tmp/wordcount/counts
 * ./millrace run WordCount --inputFile=book.txt --output=/tmp/book/counts --runner=direct
 * }</pre>
 *
 * <p>What it shows: a {@link DoFn} with metrics ({@link ExtractWordsFn}), a composite transform
 * ({@link CountWords}) made of other transforms, a {@link SimpleFunction} ({@link
 * FormatAsTextFn}), and typed options ({@link WordCountOptions}) parsed from {@code --flags} with
 * validation. A word is a run of Unicode letters (lines are split on {@code [^\p{L}]+}); case is
 * kept, so "The" and "the" are different words.
 */
public final class WordCount {
  private WordCount() {}

  /** The shipped sample text, relative to the repository root. */
  public static final String SAMPLE_TEXT = "examples/data/kinglear.txt";

  /** Splits lines into words, counting empty lines and recording line lengths as metrics. */
  public static class ExtractWordsFn extends DoFn<String, String> {
    private final Counter emptyLines = Metrics.counter(ExtractWordsFn.class, "emptyLines");
    private final Distribution lineLenDist =
        Metrics.distribution(ExtractWordsFn.class, "lineLenDistro");

    @Override
    public void processElement(ProcessContext c) {
      String line = c.element();
      lineLenDist.update(line.length());
      if (line.trim().isEmpty()) {
        emptyLines.inc();
      }
      for (String word : line.split("[^\\p{L}]+")) {
        if (!word.isEmpty()) {
          c.output(word);
        }
      }
    }
  }

  /** Formats a word and its count as {@code word: count}. */
  public static class FormatAsTextFn extends SimpleFunction<KV<String, Long>, String> {
    @Override
    public String apply(KV<String, Long> wordCount) {
      return wordCount.getKey() + ": " + wordCount.getValue();
    }
  }

  /** Turns lines of text into the number of occurrences of each word. */
  public static class CountWords
      extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {
    @Override
    public PCollection<KV<String, Long>> expand(PCollection<String> lines) {
      PCollection<String> words = lines.apply(ParDo.of(new ExtractWordsFn()));
      return words.apply(Count.perElement());
    }
  }

  /** The flags of {@link WordCount}. */
  public interface WordCountOptions extends PipelineOptions {
    @Description("The text file (or glob pattern) to count the words of; by default the shipped "
        + "sample, " + SAMPLE_TEXT + " (relative to the repository root).")
    @Default.String(SAMPLE_TEXT)
    String getInputFile();

    void setInputFile(String value);

    @Description("The prefix of the output files, which are named PREFIX-SSSSS-of-NNNNN and hold "
        + "one 'word: count' line per distinct word.")
    @Validation.Required
    String getOutput();

    void setOutput(String value);
  }

  /** Builds and runs the pipeline, waiting until it finishes. */
  public static PipelineResult runWordCount(WordCountOptions options) {
    Pipeline p = Pipeline.create(options);
    p.apply("ReadLines", TextIO.read().from(options.getInputFile()))
        .apply(new CountWords())
        .apply(MapElements.via(new FormatAsTextFn()))
        .apply("WriteCounts", TextIO.write().to(options.getOutput()));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return result;
  }

  public static void main(String[] args) {
    WordCountOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(WordCountOptions.class);
    runWordCount(options);
  }
}
