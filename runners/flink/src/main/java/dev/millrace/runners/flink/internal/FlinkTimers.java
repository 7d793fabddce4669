package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.TimerInternals;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;

/**
 * The windowing core's {@link TimerInternals} on Flink's timer service, for the operator's
 * current key. A timer's identity (namespace, id, domain) is the Flink timer namespace; its
 * Millrace timestamp is kept in keyed map state so that setting a timer again replaces it. The
 * {@link FlinkClock} says where Flink registers it (with real clocks at {@code t + 1}, since Flink
 * fires once its clock reaches the registered time and Millrace once it is strictly past t).
 */
final class FlinkTimers implements TimerInternals {
  private static final MapStateDescriptor<EncodedKey, Long> TIMERS = new MapStateDescriptor<>(
      "millrace-timer-times", new CoderTypeSerializer<>(EncodedKey.KeyCoder.INSTANCE),
      LongSerializer.INSTANCE);

  private final AbstractStreamOperator<?> operator;
  private final InternalTimerService<EncodedKey> service;
  private final StateCodec<?> windowCodec;
  private final LongSupplier outputWatermark;
  private final FlinkClock clock;
  private final TimestampMultiset eventTimers = new TimestampMultiset();

  FlinkTimers(
      AbstractStreamOperator<?> operator, InternalTimerService<EncodedKey> service,
      StateCodec<?> windowCodec, LongSupplier outputWatermark, FlinkClock clock) {
    this.clock = clock;
    this.operator = operator;
    this.service = service;
    this.windowCodec = windowCodec;
    this.outputWatermark = outputWatermark;
  }

  private MapState<EncodedKey, Long> times() {
    try {
      return operator.getPartitionedState(
          VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, TIMERS);
    } catch (Exception e) {
      throw new IllegalStateException("could not access the timer state", e);
    }
  }

  private static EncodedKey identity(StateNamespace ns, String timerId, TimeDomain domain) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(domain.ordinal());
      out.writeUTF(timerId);
      out.write(ns.encode());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new EncodedKey(bytes.toByteArray());
  }

  @Override
  public void setTimer(TimerData timer) {
    EncodedKey id = identity(timer.namespace(), timer.timerId(), timer.domain());
    try {
      MapState<EncodedKey, Long> times = times();
      Long old = times.get(id);
      if (old != null) {
        if (old == timer.timestamp()) {
          return;
        }
        unregister(id, timer.domain(), old);
      }
      times.put(id, timer.timestamp());
      if (timer.domain() == TimeDomain.EVENT_TIME) {
        eventTimers.add(timer.timestamp());
      }
      FlinkClock.Registration r = clock.register(timer.domain(), timer.timestamp());
      if (r != null && r.eventTimeService()) {
        service.registerEventTimeTimer(id, r.flinkTime());
      } else if (r != null) {
        service.registerProcessingTimeTimer(id, r.flinkTime());
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not set " + timer, e);
    }
  }

  private void unregister(EncodedKey id, TimeDomain domain, long timestamp) {
    if (domain == TimeDomain.EVENT_TIME) {
      eventTimers.remove(timestamp);
    }
    FlinkClock.Registration r = clock.register(domain, timestamp);
    if (r != null && r.eventTimeService()) {
      service.deleteEventTimeTimer(id, r.flinkTime());
    } else if (r != null) {
      service.deleteProcessingTimeTimer(id, r.flinkTime());
    }
  }

  @Override
  public void deleteTimer(StateNamespace namespace, String timerId, TimeDomain domain) {
    EncodedKey id = identity(namespace, timerId, domain);
    try {
      MapState<EncodedKey, Long> times = times();
      Long old = times.get(id);
      if (old != null) {
        times.remove(id);
        unregister(id, domain, old);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not delete timer " + timerId, e);
    }
  }

  /**
   * Claims a timer Flink fired together with every other due timer of the current key (event
   * timers before the input watermark, processing timers before the processing time), in
   * timestamp order, so the core sees all of a key's due timers in one call (as on every runner)
   * and handles each window once. Empty if the fired timer had been replaced in the meantime.
   */
  List<TimerData> takeDue(InternalTimer<EncodedKey, EncodedKey> fired) {
    try {
      MapState<EncodedKey, Long> times = times();
      Long firedTs = times.get(fired.getNamespace());
      FlinkClock.Registration expected =
          firedTs == null ? null : clock.register(domainOf(fired.getNamespace()), firedTs);
      if (expected == null || expected.flinkTime() != fired.getTimestamp()) {
        return List.of();
      }
      long inputWatermark = currentInputWatermark();
      long now = currentProcessingTime();
      List<Map.Entry<EncodedKey, Long>> due = new ArrayList<>();
      for (Map.Entry<EncodedKey, Long> e : times.entries()) {
        boolean eventTime = domainOf(e.getKey()) == TimeDomain.EVENT_TIME;
        if (e.getKey().equals(fired.getNamespace())
            || (eventTime ? e.getValue() < inputWatermark : e.getValue() < now)) {
          due.add(Map.entry(e.getKey(), e.getValue()));
        }
      }
      List<TimerData> result = new ArrayList<>();
      for (Map.Entry<EncodedKey, Long> e : due) {
        times.remove(e.getKey());
        TimeDomain domain = domainOf(e.getKey());
        if (e.getKey().equals(fired.getNamespace())) {
          if (domain == TimeDomain.EVENT_TIME) {
            eventTimers.remove(e.getValue());
          }
        } else {
          unregister(e.getKey(), domain, e.getValue());
        }
        result.add(decode(e.getKey(), e.getValue()));
      }
      result.sort(Comparator.comparingLong(TimerData::timestamp));
      return result;
    } catch (Exception e) {
      throw new IllegalStateException("could not read the due timers", e);
    }
  }

  private static TimeDomain domainOf(EncodedKey id) {
    return TimeDomain.values()[id.bytes()[0]];
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private TimerData decode(EncodedKey id, long timestamp) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(id.bytes()));
    TimeDomain domain = TimeDomain.values()[in.readByte()];
    String timerId = in.readUTF();
    byte[] ns = in.readAllBytes();
    return TimerData.of(StateNamespace.decode(ns, (StateCodec) windowCodec), timerId, domain,
        timestamp);
  }

  /** Re-indexes the pending event-time timers of every key after a restore. */
  void rebuildIndex() throws Exception {
    operator.getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE,
        VoidNamespaceSerializer.INSTANCE, TIMERS, (key, s) -> {
          for (Map.Entry<EncodedKey, Long> e : s.entries()) {
            if (domainOf(e.getKey()) == TimeDomain.EVENT_TIME) {
              eventTimers.add(e.getValue());
            }
          }
        });
  }

  /** The earliest pending event-time timer of all keys of this instance. */
  long earliest() {
    return eventTimers.min();
  }

  @Override
  public long currentInputWatermark() {
    return clock.eventWatermark(service.currentWatermark());
  }

  @Override
  public long currentOutputWatermark() {
    return outputWatermark.getAsLong();
  }

  @Override
  public long currentProcessingTime() {
    return clock.processingTime(service.currentWatermark(), service.currentProcessingTime());
  }
}
