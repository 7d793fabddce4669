package dev.millrace.io.internal;

import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;

/** Puts every temporary file result under the same key so that one finalize call sees them all. */
public final class KeyAllFn extends DoFn<KV<Integer, String>, KV<Integer, KV<Integer, String>>> {
  private static final long serialVersionUID = 1L;

  @Override
  public void processElement(ProcessContext c) {
    c.output(KV.of(0, c.element()));
  }
}
