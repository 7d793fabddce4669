package dev.millrace.runners.direct;

import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptions;

/**
 * Options of the direct runner ({@code --runner=direct}), with Beam's flag names. The model
 * checks are on by default, as in Beam, so tests catch DoFns that mutate elements and coders
 * that cannot round-trip; switch them off for speed.
 */
public interface DirectOptions extends PipelineOptions {
  @Description("Check that DoFns do not modify their input elements, nor elements after "
      + "outputting them (costs an encoding per element).")
  @Default.Boolean(true)
  boolean isEnforceImmutability();

  void setEnforceImmutability(boolean value);

  @Description("Check that every element round-trips through its PCollection's coder (costs an "
      + "encoding and a decoding per element).")
  @Default.Boolean(true)
  boolean isEnforceEncodability();

  void setEnforceEncodability(boolean value);

  @Description("How many threads run the pipeline; 0 means one per available core.")
  @Default.Integer(0)
  int getTargetParallelism();

  void setTargetParallelism(int value);
}
