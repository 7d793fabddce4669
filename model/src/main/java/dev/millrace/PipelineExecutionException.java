package dev.millrace;

/**
 * Thrown by {@link PipelineResult#waitUntilFinish()} when a pipeline failed. The message names the
 * step and, where there was one, the element being processed; the cause is the original exception.
 */
public class PipelineExecutionException extends RuntimeException {
  public PipelineExecutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
