package dev.millrace.runners.flink.internal;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.SideInputReader;
import dev.millrace.windowing.WindowedValue;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * A fused stage of element-wise steps as one Flink operator (see {@link StagePlan}). Watermarks
 * pass through unchanged, after the open bundle is finished. The steps' metrics are a Flink
 * accumulator and Flink metrics of the operator (registered after each bundle).
 */
public final class StageOperator extends AbstractStreamOperator<WindowedValue<Object>>
    implements OneInputStreamOperator<WindowedValue<Object>, WindowedValue<Object>> {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final StagePlan plan;
  private final PipelineOptions options;
  private final List<OutputTag<WindowedValue<Object>>> exitTags;
  private transient StageRunner runner;
  private transient Exits exits;

  /**
   * @param id unique among the job's operators (names the metrics accumulator)
   * @param exitTags one side-output tag per exit, or null when the single exit is the main output
   */
  public StageOperator(
      String id, StagePlan plan, PipelineOptions options,
      List<OutputTag<WindowedValue<Object>>> exitTags) {
    this.id = id;
    this.plan = plan;
    this.options = options;
    this.exitTags = exitTags;
  }

  @Override
  public void open() throws Exception {
    super.open();
    exits = Exits.of(output, exitTags);
    runner = new StageRunner(plan, options, SideInputReader.EMPTY, exits);
    runner.afterBundle(
        MetricsAccumulator.register(getRuntimeContext(), id, runner.metrics())::sync);
    runner.setup();
  }

  @Override
  public void processElement(StreamRecord<WindowedValue<Object>> element) {
    if (ScriptMarker.is(element.getValue())) { // a held watermark passes through (TestStream)
      exits.emitMarker(ScriptMarker.of(element.getValue()), element.getTimestamp());
      return;
    }
    exits.input(element);
    runner.process(element.getValue());
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    runner.finishBundle();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    runner.finishBundle();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    runner.finishBundle();
    super.finish();
  }

  @Override
  public void close() throws Exception {
    if (runner != null) {
      runner.teardown();
    }
    super.close();
  }
}
