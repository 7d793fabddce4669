package dev.millrace.compliance.differential;

import dev.millrace.runners.Capability;
import java.util.Set;

/**
 * What the generator may use, derived from the capabilities of the runner under test (and of the
 * reference evaluator, which covers bounded input with the default trigger).
 */
record Features(boolean combine, boolean sideInputs, boolean windowedSideInputs,
    boolean mergingWindows) {
  static Features of(Set<Capability> declared) {
    return new Features(declared.contains(Capability.COMBINE),
        declared.contains(Capability.SIDE_INPUTS),
        declared.contains(Capability.WINDOWED_SIDE_INPUTS),
        declared.contains(Capability.MERGING_WINDOWS));
  }

  Features withMergingWindows(boolean on) {
    return new Features(combine, sideInputs, windowedSideInputs, on);
  }
}
