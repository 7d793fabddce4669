package dev.millrace.io.internal;

import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Writes the lines of one shard (a group of the shard-number GroupByKey) to a new temporary file
 * and outputs {@code KV(shard, tempFile)}.
 */
public final class WriteShardsFn extends DoFn<KV<Integer, Iterable<String>>, KV<Integer, String>> {
  private static final long serialVersionUID = 1L;

  private final WriteConfig config;

  public WriteShardsFn(WriteConfig config) {
    this.config = config;
  }

  @Override
  public void processElement(ProcessContext c) throws Exception {
    int shard = c.element().getKey();
    Path temp = config.tempDir().resolve(String.format("shard-%05d-%s", shard, UUID.randomUUID()));
    TextFileWriter writer = TextFileWriter.open(temp, config.header());
    try {
      for (String line : c.element().getValue()) {
        writer.write(line);
      }
      writer.finish(config.footer());
    } catch (Exception e) {
      writer.abort();
      throw e;
    }
    c.output(KV.of(shard, temp.toString()));
  }
}
