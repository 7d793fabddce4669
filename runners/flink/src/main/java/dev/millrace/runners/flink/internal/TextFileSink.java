package dev.millrace.runners.flink.internal;

import com.google.common.base.Preconditions;
import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.windowing.WindowedValue;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Exactly-once text files on Flink: a two-phase Sink v2. Writers ({@link TextFileSinkWriter})
 * write in-progress files and hand them over at every checkpoint; the committer
 * ({@link TextFileCommitter}) renames them to their final names once the checkpoint is complete.
 * After a restart, lines written after the restored checkpoint are written again into new parts,
 * and the parts they had been written to are deleted, so the committed files hold every line
 * exactly once.
 */
final class TextFileSink
    implements Sink<WindowedValue<Object>>,
        SupportsCommitter<TextFileCommittable>,
        SupportsWriterState<WindowedValue<Object>, TextFileSinkWriter.State> {
  private static final long serialVersionUID = 1L;

  private final TextFileSinkSpec spec;

  TextFileSink(TextFileSinkSpec spec) {
    this.spec = Preconditions.checkNotNull(spec, "spec");
  }

  @Override
  public TextFileSinkWriter createWriter(WriterInitContext context) throws IOException {
    return writer(context, List.of());
  }

  @Override
  public StatefulSinkWriter<WindowedValue<Object>, TextFileSinkWriter.State> restoreWriter(
      WriterInitContext context, Collection<TextFileSinkWriter.State> states) throws IOException {
    return writer(context, states);
  }

  private TextFileSinkWriter writer(
      WriterInitContext context, Collection<TextFileSinkWriter.State> states) throws IOException {
    return new TextFileSinkWriter(spec, context.getTaskInfo().getIndexOfThisSubtask(),
        context.getTaskInfo().getNumberOfParallelSubtasks(),
        context.getRestoredCheckpointId().orElse(-1), states);
  }

  @Override
  public SimpleVersionedSerializer<TextFileSinkWriter.State> getWriterStateSerializer() {
    return TextFileSinkWriter.StateSerializer.INSTANCE;
  }

  @Override
  public Committer<TextFileCommittable> createCommitter(CommitterInitContext context) {
    return new TextFileCommitter();
  }

  @Override
  public SimpleVersionedSerializer<TextFileCommittable> getCommittableSerializer() {
    return TextFileCommittable.Serializer.INSTANCE;
  }
}
