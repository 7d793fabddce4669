package dev.millrace.testing.internal;

import dev.millrace.coders.ByteArrayCoder;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderException;
import dev.millrace.coders.CoderUtils;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.NullableCoder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.DefaultTrigger;
import dev.millrace.windowing.triggers.Never;

/**
 * Gathers every element of a collection into one group, which exists even when the collection is
 * empty, so that a check downstream runs exactly once on every runner.
 *
 * <p>Each element is encoded with the collection's coder and keyed by a single constant key; a
 * marker (a null value) is flattened in from a one-element {@code Create}, and a {@code
 * GroupByKey} then yields exactly one group: the marker plus every element. Collections that are
 * not already in the global window with the default trigger are first re-windowed into the global
 * window (all windows combined), firing once when the input is complete. Internal.
 *
 * @param <T> the element type
 */
public final class GroupGlobally<T>
    extends PTransform<PCollection<T>, PCollection<KV<Integer, Iterable<byte[]>>>> {
  /** The coder of the keyed encodings; a null value is the marker. */
  static final KvCoder<Integer, byte[]> KEYED_CODER =
      KvCoder.of(VarIntCoder.of(), NullableCoder.of(ByteArrayCoder.of()));

  public GroupGlobally() {
    super("GroupGlobally");
  }

  @Override
  public PCollection<KV<Integer, Iterable<byte[]>>> expand(PCollection<T> input) {
    PCollection<KV<Integer, byte[]>> encoded =
        input.apply("Encode", ParDo.of(new EncodeFn<>(input.getCoder()))).setCoder(KEYED_CODER);
    WindowingStrategy s = input.getWindowingStrategy();
    boolean bounded = input.isBounded() == PCollection.IsBounded.BOUNDED;
    if (!(s.windowFn() instanceof GlobalWindows) || !(s.trigger() instanceof DefaultTrigger)
        || !bounded) {
      encoded = encoded.apply("IntoGlobalWindow", Window.<KV<Integer, byte[]>>into(GlobalWindows.of())
          .triggering(bounded ? DefaultTrigger.of() : Never.ever())
          .discardingFiredPanes());
    }
    PCollection<KV<Integer, byte[]>> marker = input.getPipeline()
        .apply("Marker", Create.of(KV.of(0, (byte[]) null)).withCoder(KEYED_CODER));
    return PCollectionList.of(encoded).and(marker)
        .apply("Flatten", Flatten.pCollections())
        .apply("GroupByKey", GroupByKey.create());
  }

  /** Encodes each element, under the single key 0. */
  private static final class EncodeFn<T> extends DoFn<T, KV<Integer, byte[]>> {
    private static final long serialVersionUID = 1L;
    private final Coder<T> coder;

    EncodeFn(Coder<T> coder) {
      this.coder = coder;
    }

    @Override
    public void processElement(ProcessContext c) throws CoderException {
      c.output(KV.of(0, CoderUtils.encodeToByteArray(coder, c.element())));
    }
  }
}
