package dev.millrace.compliance.scenario;

import dev.millrace.windowing.PaneInfo;
import java.io.Serializable;

/**
 * One output element of a scenario pipeline as captured after its last step: one pane of one key
 * and window.
 *
 * @param key the key
 * @param value the combined (or passed-through) value
 * @param window the window
 * @param timestamp the element's timestamp, epoch millis
 * @param pane the pane
 */
public record ActualPane(
    String key, ScenarioValue value, PaneWindow window, long timestamp, PaneInfo pane)
    implements Serializable {}
