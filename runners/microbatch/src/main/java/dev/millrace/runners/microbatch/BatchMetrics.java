package dev.millrace.runners.microbatch;

/**
 * What one micro-batch did, as {@link MicroBatchPipelineResult#batches()} reports it.
 *
 * @param batchId the batch's sequence number, counted from 1 over the whole job (restarts from a
 *     checkpoint continue the numbering)
 * @param durationMillis wall-clock time from the start of the batch to its commit
 * @param recordsIn records read from the sources (TestStream elements included)
 * @param recordsOut records that reached the pipeline's sinks: steps whose outputs no step reads
 * @param watermarkMillis the pipeline's watermark after the batch: the minimum over every
 *     collection (epoch millis; {@code Timestamps.MIN}/{@code MAX} at the ends of time)
 * @param watermarkLagMillis the batch's processing time minus the watermark, or 0 when the
 *     watermark is at the beginning or the end of time
 * @param processingTimeMillis the processing time the batch ran at (sampled once per batch)
 */
public record BatchMetrics(
    long batchId,
    long durationMillis,
    long recordsIn,
    long recordsOut,
    long watermarkMillis,
    long watermarkLagMillis,
    long processingTimeMillis) {}
