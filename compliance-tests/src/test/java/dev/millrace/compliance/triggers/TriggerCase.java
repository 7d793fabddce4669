package dev.millrace.compliance.triggers;

import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import java.util.List;

/**
 * One row of a table-driven event-time test: a TestStream script, the windowing applied to it
 * before a GroupByKey, and every pane the grouping must emit, rendered by {@link Panes.Render}.
 *
 * @param name what the row checks (the test's display name)
 * @param events the script
 * @param window the windowing, applied right before the grouping
 * @param expected every rendered pane, in any order
 */
public record TriggerCase(String name, TestStream<KV<String, Long>> events,
    Window<KV<String, Long>> window, List<String> expected) {
  @Override
  public String toString() {
    return name;
  }
}
