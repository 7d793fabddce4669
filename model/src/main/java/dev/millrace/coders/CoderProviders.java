package dev.millrace.coders;

import com.google.common.base.Preconditions;
import dev.millrace.values.TypeDescriptor;
import java.util.List;

/** Ready-made {@link CoderProvider}s. */
public final class CoderProviders {
  private CoderProviders() {}

  /** A provider that answers {@code coder} for exactly {@code type} and nothing else. */
  public static CoderProvider forCoder(TypeDescriptor<?> type, Coder<?> coder) {
    Preconditions.checkNotNull(type, "type");
    Preconditions.checkNotNull(coder, "coder");
    return new CoderProvider() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Coder<T> coderFor(TypeDescriptor<T> t, List<? extends Coder<?>> components)
          throws CannotProvideCoderException {
        if (!t.equals(type)) {
          throw new CannotProvideCoderException("only provides " + coder + " for " + type);
        }
        return (Coder<T>) coder;
      }

      @Override
      public String toString() {
        return "CoderProviders.forCoder(" + type + ", " + coder + ")";
      }
    };
  }
}
