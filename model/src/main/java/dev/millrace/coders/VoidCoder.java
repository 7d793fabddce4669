package dev.millrace.coders;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes {@code Void} (whose only value is null) as zero bytes. Deterministic. Useful for
 * collections that only signal, and for {@code KV<K, Void>}.
 */
public final class VoidCoder extends AtomicCoder<Void> {
  private static final long serialVersionUID = 1L;
  private static final VoidCoder INSTANCE = new VoidCoder();

  private VoidCoder() {}

  /** The coder (a singleton). */
  public static VoidCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Void value, OutputStream out) {}

  @Override
  public Void decode(InputStream in) {
    return null;
  }

  /** Deterministic. */
  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
