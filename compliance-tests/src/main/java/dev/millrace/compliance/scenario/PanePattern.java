package dev.millrace.compliance.scenario;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An expected pane: only the fields present in the file are compared. Absent fields are null (for
 * {@code value}, a Java null means absent and a JSON {@code NullNode} means the value null).
 *
 * @param path the JSON path of the pane, e.g. {@code $.expected[2]}
 * @param source the pane as written, for messages
 * @param key the expected key, or null
 * @param value the expected value as JSON (number, string, null or array), or null
 * @param window the expected window, or null
 * @param timestamp the expected timestamp in epoch millis, or null
 * @param timing the expected timing name (EARLY, ON_TIME, LATE, UNKNOWN), or null
 * @param index the expected pane index, or null
 * @param nonSpeculativeIndex the expected non-speculative index, or null
 * @param first whether the pane must be first, or null
 * @param last whether the pane must be last, or null
 */
public record PanePattern(
    String path,
    JsonNode source,
    String key,
    JsonNode value,
    PaneWindow window,
    Long timestamp,
    String timing,
    Long index,
    Long nonSpeculativeIndex,
    Boolean first,
    Boolean last) {}
