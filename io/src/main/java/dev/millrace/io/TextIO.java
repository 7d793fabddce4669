package dev.millrace.io;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.io.internal.AssignShardFn;
import dev.millrace.io.internal.FinalizeFn;
import dev.millrace.io.internal.KeyAllFn;
import dev.millrace.io.internal.TextSource;
import dev.millrace.io.internal.UnboundedWriteFn;
import dev.millrace.io.internal.WriteBundlesFn;
import dev.millrace.io.internal.WriteConfig;
import dev.millrace.io.internal.WriteShardsFn;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.KV;
import dev.millrace.values.PBegin;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.values.PDone;
import dev.millrace.windowing.GlobalWindows;

/**
 * Reads and writes text files, one element per line, UTF-8.
 *
 * <pre>{@code
 * PCollection<String> lines = p.apply(TextIO.read().from("data/*.txt"));
 * lines.apply(TextIO.write().to("out/counts").withSuffix(".txt").withNumShards(3));
 * // writes out/counts-00000-of-00003.txt, out/counts-00001-of-00003.txt, ...
 * }</pre>
 *
 * <p><b>Reading</b> expands a file pattern on the local file system (a plain path, or a glob with
 * {@code *}, {@code ?}, {@code **} and {@code {a,b}}; relative to the working directory) and
 * gives one element per line. Lines end at {@code \n}, {@code \r\n} or {@code \r}; the
 * terminator is not part of the element, and a final line needs none. Files ending in
 * {@code .gz} are decompressed (see {@link Compression}). Uncompressed files are split into byte
 * ranges read in parallel; every line is read exactly once. Lines carry no timestamp (the
 * beginning of time) and are in the global window. A pattern that matches no file is rejected
 * when the pipeline is built.
 *
 * <p><b>Writing</b> produces files {@code PREFIX-SSSSS-of-NNNNNSUFFIX}, each line followed by
 * {@code \n}. Without {@link Write#withNumShards} the runner's bundles decide the number of
 * files; with it exactly that many files exist, empty ones included. The optional header and
 * footer lines are written to every file. Files are first written to a temporary directory next
 * to the output and renamed when every bundle has succeeded, so retried bundles never leave
 * duplicates, and files named like this write's outputs from an earlier run are replaced (also
 * when their shard count differs). Only collections in the global window can be written for now.
 *
 * <p><b>Unbounded collections</b> are written as a series of part files named
 * {@code PREFIX-part-PPPPPPPP-SSSSS-of-NNNNNSUFFIX}, each with the header and footer: on
 * {@code --runner=flink} a part is committed with each checkpoint, on {@code --runner=microbatch}
 * with each batch (exactly once with {@code --checkpointDir}), on {@code --runner=direct} about
 * once a second (no recovery). A runner without such a file sink fails when it starts the write.
 */
public final class TextIO {
  private TextIO() {}

  /** A transform reading the lines of text files; continue with {@link Read#from}. */
  public static Read read() {
    return new Read(null, Compression.AUTO);
  }

  /** A transform writing lines to sharded text files; continue with {@link Write#to}. */
  public static Write write() {
    return new Write(null, "", null, null, 0);
  }

  /** Reads the lines of the files matching a pattern. Immutable; each method returns a copy. */
  public static final class Read extends PTransform<PBegin, PCollection<String>> {
    private final String filePattern;
    private final Compression compression;

    private Read(String filePattern, Compression compression) {
      super("TextIO.Read");
      this.filePattern = filePattern;
      this.compression = compression;
    }

    /** Reads the files matching the pattern (a path or a glob, see {@link TextIO}). */
    public Read from(String filePattern) {
      Preconditions.checkArgument(
          filePattern != null && !filePattern.isEmpty(),
          "TextIO.read().from(pattern) needs a non-empty file pattern, e.g. \"data/*.txt\"");
      return new Read(filePattern, compression);
    }

    /** Decompresses the files this way; {@link Compression#AUTO} (by extension) by default. */
    public Read withCompression(Compression newCompression) {
      Preconditions.checkNotNull(newCompression, "compression");
      return new Read(filePattern, newCompression);
    }

    public String getFilePattern() {
      return filePattern;
    }

    public Compression getCompression() {
      return compression;
    }

    @Override
    public PCollection<String> expand(PBegin input) {
      Preconditions.checkState(filePattern != null,
          "TextIO.read() has no file pattern: call .from(\"path/or/*.glob\") before applying it");
      return input.apply("Read",
          dev.millrace.transforms.Read.from(new TextSource(filePattern, compression)));
    }
  }

  /** Writes lines to sharded text files. Immutable; each method returns a copy. */
  public static final class Write extends PTransform<PCollection<String>, PDone> {
    private final String prefix;
    private final String suffix;
    private final String header;
    private final String footer;
    private final int numShards;

    private Write(String prefix, String suffix, String header, String footer, int numShards) {
      super("TextIO.Write");
      this.prefix = prefix;
      this.suffix = suffix;
      this.header = header;
      this.footer = footer;
      this.numShards = numShards;
    }

    /**
     * Writes files whose names start with this prefix (a path, relative to the working
     * directory; ending in '/' writes files named {@code -SSSSS-of-NNNNN} into that directory).
     */
    public Write to(String filenamePrefix) {
      Preconditions.checkArgument(filenamePrefix != null && !filenamePrefix.isEmpty(),
          "TextIO.write().to(prefix) needs a non-empty prefix, e.g. \"out/wordcounts\"");
      return new Write(filenamePrefix, suffix, header, footer, numShards);
    }

    /** Appends this to every file name, after the shard number (e.g. ".txt"). */
    public Write withSuffix(String newSuffix) {
      Preconditions.checkArgument(newSuffix != null && newSuffix.indexOf('/') < 0,
          "the suffix must not be null or contain '/', got %s", newSuffix);
      return new Write(prefix, newSuffix, header, footer, numShards);
    }

    /** Writes exactly this many files (0 lets the runner decide, the default). */
    public Write withNumShards(int n) {
      Preconditions.checkArgument(n >= 0, "withNumShards(%s): the number of shards must be >= 0 "
          + "(0 lets the runner decide)", n);
      return new Write(prefix, suffix, header, footer, n);
    }

    /** Writes a single file; the same as {@code withNumShards(1)}. */
    public Write withoutSharding() {
      return withNumShards(1);
    }

    /** Writes this line first in every file (null for none). */
    public Write withHeader(String newHeader) {
      return new Write(prefix, suffix, newHeader, footer, numShards);
    }

    /** Writes this line last in every file (null for none). */
    public Write withFooter(String newFooter) {
      return new Write(prefix, suffix, header, newFooter, numShards);
    }

    public int getNumShards() {
      return numShards;
    }

    @Override
    public void validate(PCollection<String> input) {
      Preconditions.checkState(prefix != null,
          "TextIO.write() has no output prefix: call .to(\"path/prefix\") before applying it");
      if (!(input.getWindowingStrategy().windowFn() instanceof GlobalWindows)) {
        throw new IllegalArgumentException("TextIO.write().to(\"" + prefix + "\") got '"
            + input.getName() + "', whose elements are in windows of "
            + input.getWindowingStrategy().windowFn() + ", but windowed writes are not "
            + "supported yet. Re-window into the global window before writing: "
            + ".apply(Window.into(GlobalWindows.of())).");
      }
    }

    @Override
    public PDone expand(PCollection<String> input) {
      Pipeline p = input.getPipeline();
      WriteConfig config = WriteConfig.forPrefix(prefix, suffix, header, footer, numShards);
      KvCoder<Integer, String> resultCoder = KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of());
      if (input.isBounded() == PCollection.IsBounded.UNBOUNDED && !input.isFinite()) {
        // Only runners that commit files with their checkpoints replace this step.
        input.apply("WriteUnbounded", ParDo.of(new UnboundedWriteFn(config)))
            .setCoder(dev.millrace.coders.VoidCoder.of());
        return PDone.in(p);
      }
      PCollection<KV<Integer, String>> tempFiles;
      if (numShards == 0) {
        tempFiles = input.apply("WriteBundles", ParDo.of(new WriteBundlesFn(config)));
      } else {
        PCollection<KV<Integer, String>> keyed =
            input.apply("AssignShards", ParDo.of(new AssignShardFn(config)));
        keyed.setCoder(resultCoder);
        tempFiles = keyed.apply("GroupByShard", GroupByKey.create())
            .apply("WriteShards", ParDo.of(new WriteShardsFn(config)));
      }
      tempFiles.setCoder(resultCoder);
      PCollection<KV<Integer, String>> marker = p.apply("FinalizeMarker",
          Create.of(KV.of(FinalizeFn.MARKER, "")).withCoder(resultCoder));
      PCollection<KV<Integer, KV<Integer, String>>> keyedResults =
          PCollectionList.of(tempFiles).and(marker)
              .apply("AllTempFiles", Flatten.pCollections())
              .apply("KeyAll", ParDo.of(new KeyAllFn()));
      keyedResults.setCoder(KvCoder.of(VarIntCoder.of(), resultCoder));
      keyedResults.apply("GroupAll", GroupByKey.create())
          .apply("Finalize", ParDo.of(new FinalizeFn(config)))
          .setCoder(dev.millrace.coders.VoidCoder.of());
      return PDone.in(p);
    }
  }
}
