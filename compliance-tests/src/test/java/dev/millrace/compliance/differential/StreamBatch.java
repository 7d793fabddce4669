package dev.millrace.compliance.differential;

import java.util.List;

/**
 * One generated TestStream script and the pipelines run over it together, as independent branches
 * of one pipeline; branch {@code i} is case {@code i} of the batch.
 *
 * @param seed the seed that generated the batch (replay it with {@code -Ddifferential.seed})
 * @param script the script every branch reads
 * @param branches the generated pipelines
 */
record StreamBatch(long seed, StreamScript script, List<StreamBranch> branches) {
  StreamBatch {
    branches = List.copyOf(branches);
  }

  /** This batch with only branch {@code index} (to replay one case alone). */
  StreamBatch only(int index) {
    return new StreamBatch(seed, script, List.of(branches.get(index)));
  }
}
