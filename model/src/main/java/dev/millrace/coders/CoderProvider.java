package dev.millrace.coders;

import dev.millrace.values.TypeDescriptor;
import java.util.List;

/**
 * Supplies coders for a family of types, e.g. all subclasses of a base class, or a generic
 * container type. Register one with {@link CoderRegistry#registerCoderProvider}.
 */
public interface CoderProvider {
  /**
   * A coder for {@code type}.
   *
   * @param type the type a coder is wanted for
   * @param componentCoders the coders the registry inferred for the type's type arguments, in
   *     order (empty for a non-generic type)
   * @throws CannotProvideCoderException if this provider does not handle the type (the registry
   *     then tries the next way of finding a coder)
   */
  <T> Coder<T> coderFor(TypeDescriptor<T> type, List<? extends Coder<?>> componentCoders)
      throws CannotProvideCoderException;
}
