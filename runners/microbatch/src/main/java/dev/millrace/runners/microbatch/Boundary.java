package dev.millrace.runners.microbatch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A step that does not run fused with its producer: it buffers its input during a batch (a
 * grouping, a ParDo waiting for side inputs) and runs at the batch boundary, when the
 * watermarks advance. Its whole state can be written to and read back from a checkpoint.
 */
interface Boundary {
  /** How a task delivers this step's input; called once per task that reaches the step. */
  Receiver inputReceiver(BatchTask task);

  /**
   * The work to do at the batch boundary, with the step's new input watermark and the batch's
   * processing time: tasks that process the buffered input and push outputs downstream.
   */
  List<Callable<Void>> fire(long inputWatermark, long processingTime) throws Exception;

  /** The step's output watermark after {@link #fire}. */
  long outputWatermark(long inputWatermark);

  /** Whether input is still buffered. */
  boolean hasPending();

  /** Writes the step's state (called between batches only). */
  void snapshot(DataOutputStream out) throws IOException;

  /** Replaces the step's state with one written by {@link #snapshot}. */
  void restore(DataInputStream in) throws IOException;
}
