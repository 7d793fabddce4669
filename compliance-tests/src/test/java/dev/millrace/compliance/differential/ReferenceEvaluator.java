package dev.millrace.compliance.differential;

import dev.millrace.windowing.Timestamps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately naive evaluator of a {@link GeneratedCase} for bounded input with the default
 * trigger, written straight from the model's documented semantics (one element per window;
 * windows assigned from timestamps; groupings per key and window, merging session windows per
 * key; grouped output stamped with the end of its window, as the default timestamp combiner
 * does). Its answer is what every runner must produce.
 */
final class ReferenceEvaluator {
  /** A window: {@code [start, end)}, or the global window when {@code global}. */
  record Win(boolean global, long start, long end) {
    static final Win GLOBAL = new Win(true, 0, 0);

    long maxTimestamp() {
      return global ? Timestamps.GLOBAL_WINDOW_MAX : end - 1;
    }

    @Override
    public String toString() {
      return global ? "global" : "[" + start + "," + end + ")";
    }
  }

  /** An element in one window. */
  record Elem(String key, long value, long timestamp, Win window) {
    String canonical() {
      return Canonical.of(key, value, timestamp, window.toString());
    }
  }

  private ReferenceEvaluator() {}

  /** The canonical, sorted output of {@code c}. */
  static List<String> evaluate(GeneratedCase c) {
    List<Elem> source = new ArrayList<>();
    for (GeneratedCase.Input in : c.inputs()) {
      source.add(new Elem(in.key(), in.value(), in.timestampMillis(), Win.GLOBAL));
    }
    List<Elem> cur = source;
    Step windowFn = null;
    for (Step step : c.steps()) {
      if (step instanceof Step.FixedWindowsInto || step instanceof Step.SlidingWindowsInto
          || step instanceof Step.SessionsInto) {
        windowFn = step;
        cur = assign(cur, step);
      } else if (step instanceof Step.GroupByKeySumAndCount || step instanceof Step.CombineSum
          || step instanceof Step.CountPerKey) {
        cur = group(cur, step, windowFn instanceof Step.SessionsInto);
      } else {
        cur = elementWise(cur, step, source);
      }
    }
    return cur.stream().map(Elem::canonical).sorted().toList();
  }

  private static List<Elem> elementWise(List<Elem> in, Step step, List<Elem> source) {
    List<Elem> out = new ArrayList<>();
    if (step instanceof Step.FlattenWithBranch f) {
      out.addAll(in);
      in.forEach(e -> out.add(withValue(e, (e.value() + f.add()) % 1000)));
      return out;
    }
    long side = 0;
    if (step instanceof Step.AddSideInput a) {
      side = a.sumView() ? source.stream().mapToLong(Elem::value).sum() : source.size();
    }
    for (Elem e : in) {
      if (step instanceof Step.MapValues m) {
        out.add(withValue(e, (e.value() * m.mul() + m.add()) % 1000));
      } else if (step instanceof Step.RekeyByValue r) {
        String key = e.key() + (e.value() % r.buckets());
        out.add(new Elem(key, e.value(), e.timestamp(), e.window()));
      } else if (step instanceof Step.FilterValues f) {
        if (e.value() % f.mod() != f.rem()) {
          out.add(e);
        }
      } else if (step instanceof Step.FlatMapCopies f) {
        for (int i = 0; i < f.copies(); i++) {
          out.add(withValue(e, e.value() + i));
        }
      } else if (step instanceof Step.ShiftTimestamps s) {
        out.add(new Elem(e.key(), e.value(), e.timestamp() + s.deltaMillis(), e.window()));
      } else if (step instanceof Step.AddSideInput) {
        out.add(withValue(e, (e.value() + side) % 1000));
      } else {
        throw new IllegalArgumentException("Not an element-wise step: " + step);
      }
    }
    return out;
  }

  private static Elem withValue(Elem e, long value) {
    return new Elem(e.key(), value, e.timestamp(), e.window());
  }

  private static List<Elem> assign(List<Elem> in, Step fn) {
    List<Elem> out = new ArrayList<>();
    for (Elem e : in) {
      long t = e.timestamp();
      if (fn instanceof Step.FixedWindowsInto f) {
        long start = t - Math.floorMod(t, f.sizeMillis());
        out.add(new Elem(e.key(), e.value(), t, new Win(false, start, start + f.sizeMillis())));
      } else if (fn instanceof Step.SlidingWindowsInto w) {
        long last = t - Math.floorMod(t, w.periodMillis());
        for (long start = last; start > t - w.sizeMillis(); start -= w.periodMillis()) {
          out.add(new Elem(e.key(), e.value(), t, new Win(false, start, start + w.sizeMillis())));
        }
      } else {
        long gap = ((Step.SessionsInto) fn).gapMillis();
        out.add(new Elem(e.key(), e.value(), t, new Win(false, t, t + gap)));
      }
    }
    return out;
  }

  private static List<Elem> group(List<Elem> in, Step how, boolean merging) {
    Map<String, List<Elem>> groups = new LinkedHashMap<>();
    Map<String, List<Elem>> byKey = new LinkedHashMap<>();
    in.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e));
    for (List<Elem> ofKey : byKey.values()) {
      List<Elem> placed = merging ? mergeSessions(ofKey) : ofKey;
      for (Elem e : placed) {
        groups.computeIfAbsent(e.key() + "\u0000" + e.window(), k -> new ArrayList<>()).add(e);
      }
    }
    List<Elem> out = new ArrayList<>();
    for (List<Elem> g : groups.values()) {
      long sum = g.stream().mapToLong(Elem::value).sum();
      long value = how instanceof Step.CombineSum ? sum
          : how instanceof Step.CountPerKey ? g.size()
          : (sum + 1000L * g.size()) % 100_000;
      Win w = g.get(0).window();
      out.add(new Elem(g.get(0).key(), value, w.maxTimestamp(), w));
    }
    return out;
  }

  /** Puts each element of one key into the merged session window that covers its window. */
  private static List<Elem> mergeSessions(List<Elem> ofKey) {
    List<Win> windows = ofKey.stream().map(Elem::window)
        .sorted(Comparator.comparingLong(Win::start)).toList();
    List<Win> merged = new ArrayList<>();
    for (Win w : windows) {
      Win last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && w.start() < last.end()) {
        merged.set(merged.size() - 1,
            new Win(false, last.start(), Math.max(last.end(), w.end())));
      } else {
        merged.add(w);
      }
    }
    List<Elem> out = new ArrayList<>();
    for (Elem e : ofKey) {
      Win target = merged.stream()
          .filter(m -> m.start() <= e.window().start() && e.window().end() <= m.end())
          .findFirst().orElseThrow();
      out.add(new Elem(e.key(), e.value(), e.timestamp(), target));
    }
    return out;
  }
}
