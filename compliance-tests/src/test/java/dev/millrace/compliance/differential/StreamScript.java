package dev.millrace.compliance.differential;

import dev.millrace.testing.TestStream;
import dev.millrace.values.KV;
import dev.millrace.values.TimestampedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated TestStream script of {@code KV<String, Long>} elements: out-of-order timestamped
 * elements (some behind the watermark, some far enough behind to be dropped), watermark advances
 * (some landing exactly on a window's last millisecond) and processing-time advances, always
 * ending with the watermark at infinity. Event times are even millis after {@link #BASE}, so that
 * session windows with odd gaps never merely touch.
 *
 * @param events the script, in order
 */
record StreamScript(List<Event> events) {
  /** The event-time origin of every script: a whole hour, so windows render as round offsets. */
  static final long BASE = CaseGenerator.BASE_MILLIS - CaseGenerator.BASE_MILLIS % 3_600_000L;

  /** One scripted event. */
  sealed interface Event {}

  /** Elements arriving together; times are millis after {@link #BASE}. */
  record Elements(List<GeneratedCase.Input> inputs) implements Event {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("add(");
      for (int i = 0; i < inputs.size(); i++) {
        GeneratedCase.Input in = inputs.get(i);
        sb.append(i == 0 ? "" : ", ").append(in.key()).append('=').append(in.value()).append('@')
            .append(in.timestampMillis() - BASE);
      }
      return sb.append(')').toString();
    }
  }

  /** The watermark advancing to {@code BASE + offsetMillis}. */
  record Watermark(long offsetMillis) implements Event {
    @Override
    public String toString() {
      return "wm(" + offsetMillis + ")";
    }
  }

  /** Processing time advancing by {@code millis}. */
  record ProcessingTime(long millis) implements Event {
    @Override
    public String toString() {
      return "pt(+" + millis + ")";
    }
  }

  StreamScript {
    events = List.copyOf(events);
  }

  /**
   * A random script with keys among the first {@code maxKeys} letters; the same random state
   * always gives the same script.
   */
  static StreamScript generate(SplittableRandom rnd, int maxKeys) {
    List<Event> events = new ArrayList<>();
    int keys = 1 + rnd.nextInt(maxKeys);
    long wm = 0;
    boolean wmSet = false;
    int count = 6 + rnd.nextInt(12);
    for (int i = 0; i < count; i++) {
      int kind = rnd.nextInt(20);
      if (kind < 10) {
        events.add(elements(rnd, keys, wm));
      } else if (kind < 15) {
        wm = nextWatermark(rnd, wm);
        wmSet = true;
        events.add(new Watermark(wm));
      } else {
        events.add(new ProcessingTime(1_000L * (1 + rnd.nextInt(70))));
      }
    }
    if (!wmSet || rnd.nextBoolean()) {
      events.add(new ProcessingTime(1_000L * (1 + rnd.nextInt(90))));
    }
    return new StreamScript(events);
  }

  private static Elements elements(SplittableRandom rnd, int keys, long wm) {
    int n = 1 + rnd.nextInt(4);
    List<GeneratedCase.Input> in = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long offset;
      int lateness = rnd.nextInt(10);
      if (lateness < 6) {
        offset = wm + 2L * rnd.nextInt(20_000); // ahead of the watermark, up to 40 s
      } else if (lateness < 9) {
        offset = wm - 2L * rnd.nextInt(10_000); // behind it by up to 20 s: late for some windows
      } else {
        offset = wm - 20_000 - 2L * rnd.nextInt(60_000); // far behind: usually droppable
      }
      in.add(new GeneratedCase.Input(String.valueOf((char) ('a' + rnd.nextInt(keys))),
          rnd.nextInt(100), BASE + Math.max(-600_000, offset)));
    }
    return new Elements(in);
  }

  /** Advances by 1..30 s; a third of the advances land on the last millisecond of a 10 s span. */
  private static long nextWatermark(SplittableRandom rnd, long wm) {
    long next = wm + 1_000L * (1 + rnd.nextInt(30));
    if (rnd.nextInt(3) == 0) {
      next = next - Math.floorMod(next, 10_000) + 9_999;
    }
    return Math.max(next, wm + 1);
  }

  /** The script as a TestStream. */
  TestStream<KV<String, Long>> toTestStream() {
    TestStream<KV<String, Long>> s = TestStream.create(PipelineBuilder.KV_CODER);
    for (Event e : events) {
      if (e instanceof Elements el) {
        List<TimestampedValue<KV<String, Long>>> values = new ArrayList<>();
        for (GeneratedCase.Input in : el.inputs()) {
          values.add(TimestampedValue.of(KV.of(in.key(), in.value()),
              Instant.ofEpochMilli(in.timestampMillis())));
        }
        s = s.addElements(values);
      } else if (e instanceof Watermark w) {
        s = s.advanceWatermarkTo(Instant.ofEpochMilli(BASE + w.offsetMillis()));
      } else if (e instanceof ProcessingTime p) {
        s = s.advanceProcessingTime(Duration.ofMillis(p.millis()));
      }
    }
    return s.advanceWatermarkToInfinity();
  }

  @Override
  public String toString() {
    return events + " then wm(infinity)";
  }
}
