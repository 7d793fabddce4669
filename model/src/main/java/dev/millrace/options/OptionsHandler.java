package dev.millrace.options;

import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state behind every view of one options object: the explicitly set values by option name,
 * and the interfaces seen so far. Serialisable (values must be serialisable), so options travel
 * to workers.
 */
final class OptionsHandler implements InvocationHandler, Serializable {
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Set<Class<? extends PipelineOptions>> interfaces = new LinkedHashSet<>();
  private transient Map<String, Object> defaults;
  private transient Map<Class<?>, Object> views;

  OptionsHandler(Map<String, Object> initial) {
    values.putAll(initial);
  }

  synchronized <T extends PipelineOptions> T as(Class<T> iface) {
    if (views == null) {
      views = new LinkedHashMap<>();
    }
    Object existing = views.get(iface);
    if (existing != null) {
      return iface.cast(existing);
    }
    OptionsRegistry.register(iface);
    interfaces.add(iface);
    List<Class<?>> all = new ArrayList<>(interfaces);
    Object proxy = Proxy.newProxyInstance(iface.getClassLoader() != null
        ? iface.getClassLoader() : OptionsHandler.class.getClassLoader(),
        all.toArray(new Class<?>[0]), this);
    views.put(iface, proxy);
    return iface.cast(proxy);
  }

  @Override
  public synchronized Object invoke(Object proxy, Method method, Object[] args) {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "toString" -> "PipelineOptions" + new TreeMap<>(values);
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> throw new UnsupportedOperationException(name);
      };
    }
    if (name.equals("as") && args != null && args.length == 1) {
      @SuppressWarnings("unchecked")
      Class<? extends PipelineOptions> c = (Class<? extends PipelineOptions>) args[0];
      return as(c);
    }
    if (name.equals("asMap") && (args == null || args.length == 0)) {
      return new LinkedHashMap<>(values);
    }
    String prop = OptionProperty.propertyName(method);
    if (prop == null) {
      throw new UnsupportedOperationException("not an option accessor: " + method);
    }
    if (method.getParameterCount() == 1) {
      values.put(prop, args[0]);
      if (defaults != null) {
        defaults.remove(prop);
      }
      return null;
    }
    if (values.containsKey(prop)) {
      Object v = values.get(prop);
      return v == null ? OptionValues.primitiveZero(method.getReturnType()) : v;
    }
    if (defaults == null) {
      defaults = new LinkedHashMap<>();
    }
    if (!defaults.containsKey(prop)) {
      defaults.put(prop, OptionValues.defaultValue(method, (PipelineOptions) proxy));
    }
    return defaults.get(prop);
  }

  boolean isSet(String prop) {
    return values.containsKey(prop);
  }
}
