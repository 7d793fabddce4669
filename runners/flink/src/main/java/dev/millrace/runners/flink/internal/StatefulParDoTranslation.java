package dev.millrace.runners.flink.internal;

import dev.millrace.coders.KvCoder;
import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.values.PCollection;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Translates a stateful ParDo: its keyed input ({@code keyBy} the encoded key) goes through a
 * {@link StatefulDoFnOperator}; a single output leaves as the operator's main output, several as
 * side outputs (one per output tag).
 */
final class StatefulParDoTranslation {
  private StatefulParDoTranslation() {}

  /** The key coder of a stateful ParDo's input, or a clear error if it is not keyed. */
  static KvCoder<?, ?> keyedInput(ParDoStep p) {
    if (!(p.input().getCoder() instanceof KvCoder<?, ?> kv)) {
      throw new IllegalArgumentException("Step '" + p.name() + "' is a stateful ParDo, whose "
          + "input must be a keyed collection of KV with a KvCoder; " + p.input().getName()
          + " has coder " + p.input().getCoder());
    }
    if (!p.sideInputs().isEmpty()) {
      throw new UnsupportedOperationException("Step '" + p.name() + "' is a stateful ParDo with "
          + "side inputs, which the Flink runner does not support yet; pass the side data as a "
          + "keyed main input (e.g. Flatten it in) instead.");
    }
    return kv;
  }

  /**
   * Adds the operator after {@code input} (already keyed by {@code keyedInput(p)}'s key coder)
   * and returns the stream of each output collection.
   */
  static Map<PCollection<?>, DataStream<WindowedValue<Object>>> apply(
      ParDoStep p, KeyedStream<WindowedValue<Object>, EncodedKey> input, PipelineOptions options,
      FlinkClock clock, String id) {
    KvCoder<?, ?> kv = keyedInput(p);
    List<TupleTag<?>> order = new ArrayList<>(p.outputs().keySet());
    List<OutputTag<WindowedValue<Object>>> tags = null;
    if (order.size() > 1) {
      tags = new ArrayList<>();
      for (int i = 0; i < order.size(); i++) {
        PCollection<?> pc = p.outputs().get(order.get(i));
        tags.add(new OutputTag<>("out-" + i + "-" + pc.getName(),
            FlinkPipelineTranslator.typeOf(pc)));
      }
    }
    TypeInformation<WindowedValue<Object>> mainType = order.isEmpty()
        ? FlinkPipelineTranslator.typeOf(p.input())
        : FlinkPipelineTranslator.typeOf(p.outputs().get(order.get(0)));
    StatefulDoFnOperator operator = new StatefulDoFnOperator(id, p.name(), p.parDo().getFn(),
        options, p.parDo().getMainOutputTag(), p.parDo().getAdditionalOutputTags(), order, tags,
        p.input().getWindowingStrategy(), kv.getKeyCoder(), clock,
        p.input().isBounded() == dev.millrace.values.PCollection.IsBounded.BOUNDED);
    SingleOutputStreamOperator<WindowedValue<Object>> op =
        input.transform(p.name(), mainType, operator).uid(id);
    Map<PCollection<?>, DataStream<WindowedValue<Object>>> streams = new IdentityHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      PCollection<?> pc = p.outputs().get(order.get(i));
      streams.put(pc, tags == null ? op : op.getSideOutput(tags.get(i)));
    }
    return streams;
  }
}
