package dev.millrace.options;

import java.util.Map;

/**
 * The root of Millrace's typed pipeline options. Extend it with your own interface of getter and
 * setter pairs, annotated with {@link Description}, {@link Default} and {@link Validation}, and
 * parse flags into it:
 *
 * <pre>{@code
 * public interface WordCountOptions extends PipelineOptions {
 *   @Description("Path of the file to read from")
 *   @Default.String("data/kinglear.txt")
 *   String getInputFile();
 *   void setInputFile(String value);
 * }
 * WordCountOptions o = PipelineOptionsFactory.fromArgs(args).withValidation().as(WordCountOptions.class);
 * }</pre>
 *
 * <p>All views of one options object ({@link #as}) share the same values and are equal to each
 * other; {@code toString()} lists the values that were set. Options are serialisable, so runners
 * ship them to workers: the values set must be serialisable, and defaults already computed (such
 * as the job name) travel with them.
 */
public interface PipelineOptions {
  @Description("The runner that executes the pipeline; runners are found on the class path "
      + "(e.g. direct, microbatch, flink).")
  @Default.String("direct")
  String getRunner();

  void setRunner(String runner);

  @Description("A name for the job, shown by runners and in logs.")
  @Default.InstanceFactory(JobNameFactory.class)
  String getJobName();

  void setJobName(String jobName);

  /** Views these options through another options interface; values are shared. */
  <T extends PipelineOptions> T as(Class<T> iface);

  /**
   * The values of these options by option name, sorted: every value set (by a flag or a setter)
   * and the default of every other option of the interfaces these options have been viewed
   * through (options without a value or default are left out). The map is a read-only snapshot.
   */
  Map<String, Object> asMap();

  /** The default job name: millrace-USER-TIMESTAMP. */
  final class JobNameFactory implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      String user = System.getProperty("user.name", "user").toLowerCase().replaceAll("[^a-z0-9]", "");
      return "millrace-" + user + "-" + System.currentTimeMillis();
    }
  }
}
