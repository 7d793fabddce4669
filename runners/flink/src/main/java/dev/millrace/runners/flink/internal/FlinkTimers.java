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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.InternalTimerServiceImpl;

/**
 * The windowing core's {@link TimerInternals} on Flink's timer service, for the operator's
 * current key. A timer's Millrace timestamp is kept in keyed map state under its identity
 * (namespace, id, domain), so that setting a timer again replaces it. Its Flink timer is
 * registered under its window namespace and domain (timers of one window due at the same time
 * share it) or, for stateful DoFns, under its identity; a Flink timer that fires when no pending
 * timer matches it any more (replaced, deleted or claimed with an earlier one) does nothing. The
 * {@link FlinkClock} says where Flink registers it (with real clocks at {@code t + 1}, since Flink
 * fires once its clock reaches the registered time and Millrace once it is strictly past t).
 * When constructed to keep output timestamps (stateful DoFns), a second keyed map state keeps each
 * timer's output timestamp and the sequence number of its setting, so that timers due at the same
 * time fire in the order they were set (as on every runner).
 */
final class FlinkTimers implements TimerInternals {
  private static final MapStateDescriptor<EncodedKey, Long> TIMERS = new MapStateDescriptor<>(
      "millrace-timer-times", new CoderTypeSerializer<>(EncodedKey.KeyCoder.INSTANCE),
      LongSerializer.INSTANCE);
  private static final MapStateDescriptor<EncodedKey, byte[]> META = new MapStateDescriptor<>(
      "millrace-timer-meta", new CoderTypeSerializer<>(EncodedKey.KeyCoder.INSTANCE),
      BytePrimitiveArraySerializer.INSTANCE);
  /** How many timer identities are kept encoded (and decoded): the pending timers, or more. */
  private static final int CACHED_IDENTITIES = 8192;

  private final AbstractStreamOperator<?> operator;
  private final InternalTimerService<EncodedKey> service;
  /** Under a script clock: the step's clocks, and the service for processing-time timers. */
  private final ScriptTime scriptTime;
  private final InternalTimerService<EncodedKey> processingService;
  private boolean advancing;
  private boolean setDueWhileAdvancing;
  private final StateCodec<?> windowCodec;
  private final LongSupplier outputWatermark;
  private final FlinkClock clock;
  private final TimestampMultiset eventTimers = new TimestampMultiset();
  private final boolean keepOutputs;
  private long nextSeq;
  private MapState<EncodedKey, Long> times;
  private MapState<EncodedKey, byte[]> meta;
  /**
   * Timer identities and their encodings, both ways, least recently used dropped first. An
   * encoding depends only on the namespace, id and domain (never on the key or on the state), so
   * entries never go stale: not on key switches, not on restore.
   */
  private final Map<Identity, Keys> encodings = lru();
  private final Map<EncodedKey, Identity> identities = lru();

  /** A timer's identity: namespace, id and domain. */
  private record Identity(StateNamespace namespace, String timerId, TimeDomain domain) {}

  /**
   * A timer's identity encoded (its key in the timer-times map) and the Flink namespace it is
   * registered under: the identity itself when timers keep outputs (stateful DoFns), else only
   * the domain and the window namespace, so that a window's timers due at the same time (the
   * end-of-window and garbage-collection timers of the windowing core) share one Flink timer.
   */
  private record Keys(EncodedKey id, EncodedKey registration) {}

  private static <K, V> Map<K, V> lru() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > CACHED_IDENTITIES;
      }
    };
  }

  FlinkTimers(
      AbstractStreamOperator<?> operator, InternalTimerService<EncodedKey> service,
      StateCodec<?> windowCodec, LongSupplier outputWatermark, FlinkClock clock) {
    this(operator, service, windowCodec, outputWatermark, clock, false);
  }

  /** @param keepOutputs whether timers may have an output timestamp other than their time */
  FlinkTimers(
      AbstractStreamOperator<?> operator, InternalTimerService<EncodedKey> service,
      StateCodec<?> windowCodec, LongSupplier outputWatermark, FlinkClock clock,
      boolean keepOutputs) {
    this(operator, service, null, windowCodec, outputWatermark, clock, keepOutputs, null);
  }

  private FlinkTimers(
      AbstractStreamOperator<?> operator, InternalTimerService<EncodedKey> service,
      InternalTimerService<EncodedKey> processingService, StateCodec<?> windowCodec,
      LongSupplier outputWatermark, FlinkClock clock, boolean keepOutputs, ScriptTime scriptTime) {
    this.processingService = processingService;
    this.scriptTime = scriptTime;
    this.keepOutputs = keepOutputs;
    this.clock = clock;
    this.operator = operator;
    this.service = service;
    this.windowCodec = windowCodec;
    this.outputWatermark = outputWatermark;
  }

  /**
   * Timers under a script clock: both kinds are set in the step's clocks ({@code time}) and fire
   * when {@link #advanceScript()} is called after the operator moved to a step: event-time timers
   * from {@code eventService}, processing-time ones from {@code processingService} (both Flink
   * event-time queues, advanced by the operator, never by Flink watermarks).
   */
  static FlinkTimers scripted(
      AbstractStreamOperator<?> operator, InternalTimerService<EncodedKey> eventService,
      InternalTimerService<EncodedKey> processingService, StateCodec<?> windowCodec,
      LongSupplier outputWatermark, FlinkClock clock, boolean keepOutputs, ScriptTime time) {
    return new FlinkTimers(operator, eventService, processingService, windowCodec,
        outputWatermark, clock, keepOutputs, time);
  }

  /** Where a timer is registered: which service, which queue, which Flink time. */
  private record Target(InternalTimerService<EncodedKey> service, boolean eventQueue, long time) {}

  private Target target(TimeDomain domain, long t) {
    if (scriptTime != null) {
      return new Target(domain == TimeDomain.EVENT_TIME ? service : processingService, true, t + 1);
    }
    FlinkClock.Registration r = clock.register(domain, t);
    return r == null ? null : new Target(service, r.eventTimeService(), r.flinkTime());
  }

  /**
   * Script clock only: fires, through the operator's {@code onEventTime}, every timer due at the
   * step's clocks, including timers that firings set for times already passed, until none is due.
   */
  void advanceScript() throws Exception {
    advancing = true;
    try {
      do {
        setDueWhileAdvancing = false;
        impl(service).advanceWatermark(scriptTime.inputWatermark());
        impl(processingService).advanceWatermark(scriptTime.processingTime());
      } while (setDueWhileAdvancing);
    } finally {
      advancing = false;
    }
  }

  @SuppressWarnings("unchecked")
  private static InternalTimerServiceImpl<EncodedKey, EncodedKey> impl(
      InternalTimerService<EncodedKey> s) {
    if (!(s instanceof InternalTimerServiceImpl<?, ?> impl)) {
      throw new IllegalStateException("a TestStream job needs Flink's heap or RocksDB timer "
          + "service in STREAMING mode, but the operator got " + s.getClass().getName());
    }
    return (InternalTimerServiceImpl<EncodedKey, EncodedKey>) impl;
  }

  /** The key's timer times (Flink keeps the current key; the namespace is always void). */
  private MapState<EncodedKey, Long> times() {
    if (times == null) {
      try {
        times = operator.getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, TIMERS);
      } catch (Exception e) {
        throw new IllegalStateException("could not access the timer state", e);
      }
    }
    return times;
  }

  private MapState<EncodedKey, byte[]> meta() {
    if (meta == null) {
      try {
        meta = operator.getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, META);
      } catch (Exception e) {
        throw new IllegalStateException("could not access the timer output timestamps", e);
      }
    }
    return meta;
  }

  /** A timer's output timestamp and the sequence number of its setting. */
  private record Meta(long output, long seq) {
    byte[] encode() {
      return ByteBuffer.allocate(16).putLong(output).putLong(seq).array();
    }

    static Meta decode(byte[] bytes, long timestamp) {
      if (bytes == null) {
        return new Meta(timestamp, Long.MAX_VALUE);
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return new Meta(b.getLong(), b.getLong());
    }
  }

  private void storeOutput(EncodedKey id, TimerData timer) throws Exception {
    if (keepOutputs) {
      meta().put(id, new Meta(timer.outputTimestamp(), nextSeq++).encode());
    }
  }

  private void forgetOutput(EncodedKey id) throws Exception {
    if (keepOutputs) {
      meta().remove(id);
    }
  }

  private Meta metaOf(EncodedKey id, long timestamp) throws Exception {
    return Meta.decode(keepOutputs ? meta().get(id) : null, timestamp);
  }

  private Keys keys(StateNamespace ns, String timerId, TimeDomain domain) {
    Identity identity = new Identity(ns, timerId, domain);
    Keys keys = encodings.get(identity);
    if (keys == null) {
      EncodedKey id = encode(identity);
      keys = new Keys(id, keepOutputs ? id : registrationOf(ns, domain));
      encodings.put(identity, keys);
      identities.put(id, identity);
    }
    return keys;
  }

  private static EncodedKey registrationOf(StateNamespace ns, TimeDomain domain) {
    byte[] encoded = ns.encode();
    byte[] bytes = new byte[encoded.length + 1];
    bytes[0] = (byte) domain.ordinal();
    System.arraycopy(encoded, 0, bytes, 1, encoded.length);
    return new EncodedKey(bytes);
  }

  /** The Flink namespace a timer with this identity key is registered under. */
  private EncodedKey registrationOf(EncodedKey id) throws IOException {
    if (keepOutputs) {
      return id;
    }
    Identity identity = identities.get(id);
    if (identity == null) {
      identity = decodeIdentity(id);
      identities.put(id, identity);
    }
    return keys(identity.namespace(), identity.timerId(), identity.domain()).registration();
  }

  private static EncodedKey encode(Identity identity) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(identity.domain().ordinal());
      out.writeUTF(identity.timerId());
      out.write(identity.namespace().encode());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new EncodedKey(bytes.toByteArray());
  }

  @Override
  public void setTimer(TimerData timer) {
    Keys keys = keys(timer.namespace(), timer.timerId(), timer.domain());
    EncodedKey id = keys.id();
    try {
      MapState<EncodedKey, Long> times = times();
      Long old = times.get(id);
      if (old != null) {
        if (old == timer.timestamp()) {
          storeOutput(id, timer);
          return;
        }
        unregister(keys.registration(), timer.domain(), old);
      }
      times.put(id, timer.timestamp());
      storeOutput(id, timer);
      if (timer.domain() == TimeDomain.EVENT_TIME) {
        eventTimers.add(timer.timestamp());
      }
      Target r = target(timer.domain(), timer.timestamp());
      if (r != null && r.eventQueue()) {
        r.service().registerEventTimeTimer(keys.registration(), r.time());
      } else if (r != null) {
        r.service().registerProcessingTimeTimer(keys.registration(), r.time());
      }
      if (advancing && timer.timestamp() < (timer.domain() == TimeDomain.EVENT_TIME
          ? currentInputWatermark() : currentProcessingTime())) {
        setDueWhileAdvancing = true;
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not set " + timer, e);
    }
  }

  /**
   * Forgets a timer's time; its Flink registration is deleted only when the registration is the
   * timer's own (shared ones may stand for other timers too: they fire and find nothing due).
   */
  private void unregister(EncodedKey registration, TimeDomain domain, long timestamp) {
    if (domain == TimeDomain.EVENT_TIME) {
      eventTimers.remove(timestamp);
    }
    if (!keepOutputs) {
      return;
    }
    Target r = target(domain, timestamp);
    if (r != null && r.eventQueue()) {
      r.service().deleteEventTimeTimer(registration, r.time());
    } else if (r != null) {
      r.service().deleteProcessingTimeTimer(registration, r.time());
    }
  }

  @Override
  public void deleteTimer(StateNamespace namespace, String timerId, TimeDomain domain) {
    Keys keys = keys(namespace, timerId, domain);
    EncodedKey id = keys.id();
    try {
      MapState<EncodedKey, Long> times = times();
      Long old = times.get(id);
      if (old != null) {
        times.remove(id);
        forgetOutput(id);
        unregister(keys.registration(), domain, old);
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
      long inputWatermark = currentInputWatermark();
      long now = currentProcessingTime();
      List<Map.Entry<EncodedKey, Long>> due = new ArrayList<>();
      boolean firedIsPending = false;
      for (Map.Entry<EncodedKey, Long> e : times.entries()) {
        TimeDomain domain = domainOf(e.getKey());
        boolean isFired = !firedIsPending
            && isRegistration(e.getKey(), domain, e.getValue(), fired);
        firedIsPending |= isFired;
        if (isFired
            || (domain == TimeDomain.EVENT_TIME ? e.getValue() < inputWatermark : e.getValue() < now)) {
          due.add(Map.entry(e.getKey(), e.getValue()));
        }
      }
      if (!firedIsPending) {
        return List.of(); // replaced or claimed since: the timers due now have their own
      }
      List<TimerData> result = new ArrayList<>();
      for (Map.Entry<EncodedKey, Long> e : due) {
        times.remove(e.getKey());
        TimeDomain domain = domainOf(e.getKey());
        if (domain == TimeDomain.EVENT_TIME) {
          eventTimers.remove(e.getValue());
        }
        // Flink registrations of the other timers claimed stay: they fire later and find nothing
        // (no pending timer matches them), which costs less than taking them out of Flink's
        // queue now.
        result.add(decode(e.getKey(), e.getValue()));
      }
      result.sort(Comparator.comparingLong(TimerData::timestamp));
      return result;
    } catch (Exception e) {
      throw new IllegalStateException("could not read the due timers", e);
    }
  }

  /**
   * For a stateful DoFn: claims the due timers of the current key that share the earliest
   * timestamp (event-time timers before processing-time ones), with their output timestamps, so
   * that a timer set by a firing for an earlier time fires before later pending ones. A timer is
   * due once its clock is past it; the Flink timer that {@code fired} also counts as due while it
   * is still that timer's registration (Flink's BATCH mode fires every timer at the end of a key).
   * Empty when nothing is due.
   */
  List<TimerData> takeEarliestDue(InternalTimer<EncodedKey, EncodedKey> fired) {
    try {
      MapState<EncodedKey, Long> times = times();
      long inputWatermark = currentInputWatermark();
      long now = currentProcessingTime();
      TimeDomain bestDomain = null;
      long best = Long.MAX_VALUE;
      List<Map.Entry<EncodedKey, Long>> candidates = new ArrayList<>();
      for (Map.Entry<EncodedKey, Long> e : times.entries()) {
        TimeDomain domain = domainOf(e.getKey());
        boolean due = domain == TimeDomain.EVENT_TIME ? e.getValue() < inputWatermark
            : e.getValue() < now;
        if (!due && !isRegistration(e.getKey(), domain, e.getValue(), fired)) {
          continue;
        }
        candidates.add(Map.entry(e.getKey(), e.getValue()));
        boolean better = bestDomain == null
            || (domain == TimeDomain.EVENT_TIME && bestDomain != TimeDomain.EVENT_TIME)
            || (domain == bestDomain && e.getValue() < best);
        if (better) {
          bestDomain = domain;
          best = e.getValue();
        }
      }
      List<Map.Entry<TimerData, Long>> result = new ArrayList<>();
      for (Map.Entry<EncodedKey, Long> e : candidates) {
        if (domainOf(e.getKey()) == bestDomain && e.getValue() == best) {
          Meta m = metaOf(e.getKey(), e.getValue());
          result.add(Map.entry(decode(e.getKey(), e.getValue(), m.output()), m.seq()));
          times.remove(e.getKey());
          forgetOutput(e.getKey());
          unregister(e.getKey(), bestDomain, e.getValue());
        }
      }
      result.sort(Map.Entry.comparingByValue());
      List<TimerData> timers = new ArrayList<>();
      result.forEach(e -> timers.add(e.getKey()));
      return timers;
    } catch (Exception e) {
      throw new IllegalStateException("could not read the due timers", e);
    }
  }

  private boolean isRegistration(
      EncodedKey id, TimeDomain domain, long timestamp, InternalTimer<EncodedKey, EncodedKey> fired)
      throws IOException {
    if (fired == null) {
      return false;
    }
    Target r = target(domain, timestamp); // the cheap test first: most timers differ in time
    return r != null && r.time() == fired.getTimestamp()
        && registrationOf(id).equals(fired.getNamespace());
  }

  private static final TimeDomain[] DOMAINS = TimeDomain.values();

  private static TimeDomain domainOf(EncodedKey id) {
    return DOMAINS[id.bytes()[0]];
  }

  private TimerData decode(EncodedKey id, long timestamp) throws IOException {
    return decode(id, timestamp, timestamp);
  }

  private TimerData decode(EncodedKey id, long timestamp, long outputTimestamp)
      throws IOException {
    Identity identity = identities.get(id);
    if (identity == null) {
      identity = decodeIdentity(id);
      identities.put(id, identity);
    }
    return new TimerData(identity.namespace(), identity.timerId(), identity.domain(),
        timestamp, outputTimestamp);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Identity decodeIdentity(EncodedKey id) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(id.bytes()));
    TimeDomain domain = DOMAINS[in.readByte()];
    String timerId = in.readUTF();
    byte[] ns = in.readAllBytes();
    return new Identity(StateNamespace.decode(ns, (StateCodec) windowCodec), timerId, domain);
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
    if (keepOutputs) {
      operator.getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE,
          VoidNamespaceSerializer.INSTANCE, META, (key, s) -> {
            for (Map.Entry<EncodedKey, byte[]> e : s.entries()) {
              nextSeq = Math.max(nextSeq, Meta.decode(e.getValue(), 0).seq() + 1);
            }
          });
    }
  }

  /** The earliest pending event-time timer of all keys of this instance. */
  long earliest() {
    return eventTimers.min();
  }

  @Override
  public long currentInputWatermark() {
    if (scriptTime != null) {
      return scriptTime.inputWatermark();
    }
    return clock.eventWatermark(service.currentWatermark());
  }

  @Override
  public long currentOutputWatermark() {
    return outputWatermark.getAsLong();
  }

  @Override
  public long currentProcessingTime() {
    if (scriptTime != null) {
      return scriptTime.processingTime();
    }
    return clock.processingTime(service.currentWatermark(), service.currentProcessingTime());
  }
}
