package dev.millrace.runners.direct;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * A step that cannot run fused with its producer: it buffers its input (a grouping, a lifted
 * combine, a ParDo waiting for side inputs) and runs when the watermark lets it.
 */
interface Boundary {
  /** How a task delivers this step's input; called once per task that reaches the step. */
  Receiver inputReceiver(FusedTask task);

  /**
   * The work to do now that the step's input watermark is {@code inputWatermark}: tasks that
   * process buffered input and push outputs downstream.
   */
  List<Callable<Void>> fire(long inputWatermark);

  /** The step's output watermark after {@link #fire}. */
  long outputWatermark(long inputWatermark);

  /** Whether input is still buffered. */
  boolean hasPending();
}
