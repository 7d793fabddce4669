package dev.millrace.runners.flink;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.runners.PipelineRunner;
import dev.millrace.runners.core.ExecutionGraph;
import dev.millrace.runners.core.files.TextPartFiles;
import dev.millrace.runners.flink.internal.FlinkEnvironments;
import dev.millrace.runners.flink.internal.FlinkPipelineResult;
import dev.millrace.runners.flink.internal.FlinkPipelineTranslator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.LoggerFactory;

/**
 * Runs pipelines on Apache Flink: plans the pipeline (combiner lifting), translates it onto the
 * DataStream API (bounded pipelines in BATCH mode, others in STREAMING mode) and submits it;
 * {@link #run} returns once the job is submitted. See {@link FlinkOptions} for where it runs.
 */
public final class FlinkRunner implements PipelineRunner {
  private final FlinkOptions options;

  public FlinkRunner(FlinkOptions options) {
    this.options = Preconditions.checkNotNull(options, "options");
  }

  @Override
  public PipelineResult run(Pipeline pipeline) {
    ExecutionGraph graph = ExecutionGraph.of(pipeline, true);
    boolean batch = !options.isStreaming() && FlinkPipelineTranslator.isBounded(graph);
    StreamExecutionEnvironment env = FlinkEnvironments.create(options, batch);
    FlinkPipelineTranslator.translate(graph, env, options);
    JobClient client;
    try {
      client = env.executeAsync(options.getJobName());
    } catch (Exception e) {
      throw new IllegalStateException("Could not submit the job '" + options.getJobName()
          + "' to Flink (" + options.getFlinkMaster() + "): " + e.getMessage(), e);
    }
    List<Path> tempDirs =
        batch ? List.of() : FlinkPipelineTranslator.streamingTextTempDirectories(graph);
    return new FlinkPipelineResult(client, () -> deleteTempDirectories(tempDirs));
  }

  /** After a successful job: the text writes' temporary directories hold no uncommitted part. */
  private static void deleteTempDirectories(List<Path> dirs) {
    for (Path dir : dirs) {
      try {
        TextPartFiles.deleteRecursively(dir);
      } catch (IOException e) {
        LoggerFactory.getLogger(FlinkRunner.class).warn(
            "could not delete the temporary directory {} of a finished text write: {}", dir,
            e.getMessage());
      }
    }
  }
}
