package dev.millrace.runners.flink.internal;

import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;

/**
 * The second phase of the text-file sink: when a checkpoint completes, renames the files its
 * writers prepared to their final names. Flink repeats the commits of a restored checkpoint, which
 * is harmless because {@link TextFileCommittable#commit} is idempotent.
 */
final class TextFileCommitter implements Committer<TextFileCommittable> {
  @Override
  public void commit(Collection<CommitRequest<TextFileCommittable>> requests) throws IOException {
    for (CommitRequest<TextFileCommittable> request : requests) {
      request.getCommittable().commit();
    }
  }

  @Override
  public void close() {}
}
