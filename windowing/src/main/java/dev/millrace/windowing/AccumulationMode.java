package dev.millrace.windowing;

/**
 * How the successive panes of a window relate (the Dataflow Model's "how do refinements
 * relate").
 */
public enum AccumulationMode {
  /** Each pane holds only the elements that arrived since the previous pane of the window. */
  DISCARDING_FIRED_PANES,
  /** Each pane holds every element of the window so far, including those already emitted. */
  ACCUMULATING_FIRED_PANES
}
