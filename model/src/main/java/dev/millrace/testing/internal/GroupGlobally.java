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
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
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
 * window (all windows combined), firing once when the input is complete.
 *
 * <p>For window- and pane-specific assertions the elements' windows and panes are captured before
 * that re-windowing: each element then travels as a {@link WindowedElement} (window, pane and
 * element encodings together), and the check selects from them. Internal.
 *
 * @param <T> the element type
 */
public final class GroupGlobally<T>
    extends PTransform<PCollection<T>, PCollection<KV<Integer, Iterable<byte[]>>>> {
  /** The coder of the keyed encodings; a null value is the marker. */
  static final KvCoder<Integer, byte[]> KEYED_CODER =
      KvCoder.of(VarIntCoder.of(), NullableCoder.of(ByteArrayCoder.of()));

  private final boolean keepWindows;

  /** Gathers the elements' encodings. */
  public GroupGlobally() {
    this(false);
  }

  /**
   * Gathers the elements' encodings, or with {@code keepWindows} their {@link WindowedElement}
   * encodings.
   */
  public GroupGlobally(boolean keepWindows) {
    super("GroupGlobally");
    this.keepWindows = keepWindows;
  }

  @Override
  public PCollection<KV<Integer, Iterable<byte[]>>> expand(PCollection<T> input) {
    PCollection<KV<Integer, byte[]>> encoded =
        input.apply("Encode", ParDo.of(new EncodeFn<>(input.getCoder(), keepWindows
            ? windowCodec(input.getWindowingStrategy()) : null))).setCoder(KEYED_CODER);
    WindowingStrategy s = input.getWindowingStrategy();
    boolean bounded = input.isBounded() == PCollection.IsBounded.BOUNDED;
    if (!(s.windowFn() instanceof GlobalWindows) || !(s.trigger() instanceof DefaultTrigger)
        || !bounded) {
      encoded = encoded.apply("IntoGlobalWindow",
          Window.<KV<Integer, byte[]>>into(GlobalWindows.of())
          .triggering(bounded ? DefaultTrigger.of() : Never.ever())
          .discardingFiredPanes());
    }
    PCollection<KV<Integer, byte[]>> marker = input.getPipeline()
        .apply("Marker", Create.of(KV.of(0, (byte[]) null)).withCoder(KEYED_CODER));
    return PCollectionList.of(encoded).and(marker)
        .apply("Flatten", Flatten.pCollections())
        .apply("GroupByKey", GroupByKey.create());
  }

  @SuppressWarnings("unchecked")
  private static StateCodec<BoundedWindow> windowCodec(WindowingStrategy s) {
    return (StateCodec<BoundedWindow>) s.windowFn().windowCodec();
  }

  /**
   * Encodes each element, under the single key 0; with a window codec, together with its window
   * and pane.
   */
  private static final class EncodeFn<T> extends DoFn<T, KV<Integer, byte[]>> {
    private static final long serialVersionUID = 1L;
    private final Coder<T> coder;
    private final StateCodec<BoundedWindow> windowCodec;

    EncodeFn(Coder<T> coder, StateCodec<BoundedWindow> windowCodec) {
      this.coder = coder;
      this.windowCodec = windowCodec;
    }

    @Override
    public void processElement(ProcessContext c) throws CoderException {
      byte[] element = CoderUtils.encodeToByteArray(coder, c.element());
      if (windowCodec != null) {
        element = new WindowedElement(
            StateCodecs.toBytes(windowCodec, c.window()), c.pane(), element).toBytes();
      }
      c.output(KV.of(0, element));
    }
  }
}
