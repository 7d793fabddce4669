package dev.millrace.compliance.scenario;

import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import dev.millrace.windowing.Timestamps;

/**
 * The last step of every scenario pipeline: records each element with its key, value, window,
 * timestamp and pane in the {@link CaptureRegistry} under the run's id.
 */
final class CaptureFn extends DoFn<KV<String, ScenarioValue>, Void> {
  private static final long serialVersionUID = 1L;
  private final String runId;

  CaptureFn(String runId) {
    this.runId = runId;
  }

  @Override
  public void processElement(ProcessContext c) {
    CaptureRegistry.record(runId, new ActualPane(
        c.element().getKey(),
        c.element().getValue(),
        PaneWindow.of(c.window()),
        Timestamps.toMillis(c.timestamp()),
        c.pane()));
  }
}
