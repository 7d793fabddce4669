package dev.millrace.io.internal;

import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import dev.millrace.windowing.GlobalWindow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes each bundle's lines to a new temporary file (one per bundle attempt, so a retried bundle
 * never collides with an earlier attempt) and, when the bundle completes, outputs
 * {@code KV(-1, tempFile)}; the finalize step numbers the files.
 */
public final class WriteBundlesFn extends DoFn<String, KV<Integer, String>>
    implements TextFileSinkSpec.Provider {
  private static final long serialVersionUID = 1L;

  private final WriteConfig config;
  private transient TextFileWriter writer;

  public WriteBundlesFn(WriteConfig config) {
    this.config = config;
  }

  @Override
  public TextFileSinkSpec textFileSink() {
    return config.toSinkSpec();
  }

  @Override
  public void startBundle(StartBundleContext c) {
    abortOpenWriter();
  }

  @Override
  public void processElement(ProcessContext c) throws Exception {
    if (writer == null) {
      Path temp = config.tempDir().resolve("bundle-" + UUID.randomUUID());
      writer = TextFileWriter.open(temp, config.header());
    }
    writer.write(c.element());
  }

  @Override
  public void finishBundle(FinishBundleContext c) throws Exception {
    if (writer == null) {
      return;
    }
    TextFileWriter done = writer;
    writer = null;
    done.finish(config.footer());
    c.output(
        KV.of(-1, done.path().toString()),
        Instant.ofEpochMilli(GlobalWindow.INSTANCE.maxTimestampMillis()),
        GlobalWindow.INSTANCE);
  }

  @Override
  public void teardown() {
    abortOpenWriter();
  }

  private void abortOpenWriter() {
    if (writer != null) {
      writer.abort();
      writer = null;
    }
  }
}
