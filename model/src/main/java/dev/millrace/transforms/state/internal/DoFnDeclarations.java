package dev.millrace.transforms.state.internal;

import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.TimerSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state and timers a DoFn declares: its fields of type {@link StateSpec} and
 * {@link TimerSpec} (static or not, in the DoFn's class and superclasses), each identified by its
 * field name. The fields of a class are found by reflection once per class; the spec objects are
 * read once per DoFn instance (a runner does it once per deserialised instance). Afterwards a spec
 * is resolved to its id by identity, without reflection.
 *
 * <p>For runners and the model's construction checks; not part of the user API.
 */
public final class DoFnDeclarations {
  private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
    @Override
    protected List<Field> computeValue(Class<?> type) {
      return scan(type);
    }
  };

  private final Class<?> fnClass;
  private final Map<String, StateSpec<?>> states = new LinkedHashMap<>();
  private final Map<String, TimerSpec> timers = new LinkedHashMap<>();
  private final Map<Object, String> ids = new IdentityHashMap<>();

  private DoFnDeclarations(DoFn<?, ?> fn) {
    this.fnClass = fn.getClass();
    for (Field f : FIELDS.get(fn.getClass())) {
      Object spec;
      try {
        spec = f.get(Modifier.isStatic(f.getModifiers()) ? null : fn);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read the field '" + f.getName() + "' of "
            + fnClass.getName() + " that declares state or a timer", e);
      }
      if (spec == null) {
        throw new IllegalStateException("The field '" + f.getName() + "' of DoFn "
            + fnClass.getName() + " declares state or a timer but is null; initialise it with "
            + "StateSpecs.xxx(...) or TimerSpecs.xxx(...)");
      }
      String previous = ids.put(spec, f.getName());
      if (previous != null) {
        throw new IllegalStateException("The fields '" + previous + "' and '" + f.getName()
            + "' of DoFn " + fnClass.getName() + " hold the same spec object; each state cell "
            + "or timer needs its own spec, so create one per field");
      }
      if (spec instanceof StateSpec<?> s) {
        states.put(f.getName(), s);
      } else {
        timers.put(f.getName(), (TimerSpec) spec);
      }
    }
  }

  /** The declarations of {@code fn} (reads its spec fields). */
  public static DoFnDeclarations of(DoFn<?, ?> fn) {
    return new DoFnDeclarations(fn);
  }

  /** Whether {@code fn}'s class declares any state or timer (cached per class). */
  public static boolean isStateful(DoFn<?, ?> fn) {
    return !FIELDS.get(fn.getClass()).isEmpty();
  }

  /** Whether the DoFn declares any state or timer. */
  public boolean isStateful() {
    return !ids.isEmpty();
  }

  /** The state specs by id, in declaration order. */
  public Map<String, StateSpec<?>> stateSpecs() {
    return Collections.unmodifiableMap(states);
  }

  /** The timer and timer-family specs by id, in declaration order. */
  public Map<String, TimerSpec> timerSpecs() {
    return Collections.unmodifiableMap(timers);
  }

  /**
   * The id of a spec declared by this DoFn.
   *
   * @throws IllegalArgumentException naming the declared ids if {@code spec} is not a field
   */
  public String idOf(Object spec) {
    String id = ids.get(spec);
    if (id == null) {
      throw new IllegalArgumentException("The spec " + spec + " is not a field of DoFn "
          + fnClass.getName() + ". Declare every StateSpec and TimerSpec as a field of the DoFn "
          + "(declared: " + ids.values() + ") and pass that field to c.state/c.timer.");
    }
    return id;
  }

  /** Whether the DoFn's class overrides {@code onTimer}. */
  public boolean overridesOnTimer() {
    return overrides("onTimer", DoFn.OnTimerContext.class);
  }

  /** Whether the DoFn's class overrides {@code onWindowExpiration}. */
  public boolean overridesOnWindowExpiration() {
    return overrides("onWindowExpiration", DoFn.OnWindowExpirationContext.class);
  }

  private boolean overrides(String method, Class<?> param) {
    for (Class<?> c = fnClass; c != null && c != DoFn.class; c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod(method, param);
        return true;
      } catch (NoSuchMethodException e) {
        // look further up
      }
    }
    return false;
  }

  private static List<Field> scan(Class<?> type) {
    List<Field> result = new ArrayList<>();
    Map<String, Class<?>> seen = new LinkedHashMap<>();
    for (Class<?> c = type; c != null && c != DoFn.class && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!StateSpec.class.isAssignableFrom(f.getType())
            && !TimerSpec.class.isAssignableFrom(f.getType())) {
          continue;
        }
        Class<?> other = seen.put(f.getName(), c);
        if (other != null) {
          throw new IllegalStateException("DoFn " + type.getName() + " declares state or timer '"
              + f.getName() + "' twice (in " + other.getName() + " and " + c.getName()
              + "); ids are field names and must be unique, so rename one field");
        }
        f.setAccessible(true);
        result.add(f);
      }
    }
    return List.copyOf(result);
  }
}
