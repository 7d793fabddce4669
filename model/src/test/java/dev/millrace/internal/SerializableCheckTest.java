package dev.millrace.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The messages users see when a function cannot be shipped to workers. */
class SerializableCheckTest {
  // This test class is deliberately not Serializable.

  interface SerFn<I, O> extends Function<I, O>, Serializable {}

  static class Pool {} // not Serializable

  static class Client implements Serializable {
    Pool pool = new Pool();
  }

  static class FnWithClient implements Serializable {
    Client client = new Client();
  }

  static class FnWithTransientPool implements Serializable {
    transient Pool pool = new Pool();
    String name = "ok";
  }

  static class FnWithList implements Serializable {
    List<Object> items = new ArrayList<>(List.of("a", new Pool()));
  }

  static class FnWithPlainLambda implements Serializable {
    Runnable callback = () -> {};
  }

  class InnerFn implements Serializable {}

  static class Base {
    Base(int unused) {}
  }

  static class NoValidConstructor extends Base implements Serializable {
    NoValidConstructor() {
      super(1);
    }
  }

  private String suffix() {
    return "!";
  }

  @Test
  void serializableFunctionsPass() {
    assertThatCode(() -> SerializableCheck.check(new FnWithTransientPool(), "the DoFn"))
        .doesNotThrowAnyException();
    String local = "captured";
    SerFn<String, String> lambda = s -> s + local;
    assertThatCode(() -> SerializableCheck.check(lambda, "the lambda")).doesNotThrowAnyException();
  }

  @Test
  void innerClassCapturingItsOuterInstance() {
    assertThatThrownBy(() -> SerializableCheck.check(new InnerFn(), "the DoFn of step 'WordCount/Extract'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the DoFn of step 'WordCount/Extract' (" + InnerFn.class.getName() + ") is not serializable")
        .hasMessageContaining("field 'this$0' of type " + SerializableCheckTest.class.getName() + ", which is not Serializable")
        .hasMessageContaining("make it a static nested or top-level class");
  }

  @Test
  void anonymousClassCapturingItsOuterInstance() {
    SerFn<String, String> anonymous =
        new SerFn<>() {
          @Override
          public String apply(String s) {
            return s;
          }
        };
    assertThatThrownBy(() -> SerializableCheck.check(anonymous, "the function of step 'Map'"))
        .hasMessageContaining("field 'this$0'")
        .hasMessageContaining("anonymous or inner");
  }

  @Test
  void lambdaCapturingANonSerializableLocal() {
    Pool pool = new Pool();
    SerFn<String, String> lambda = s -> s + pool;
    assertThatThrownBy(() -> SerializableCheck.check(lambda, "the function of step 'Format'"))
        .hasMessageContaining("the function of step 'Format' (a lambda in " + getClass().getName() + ")")
        .hasMessageContaining("the lambda captures a value of type " + Pool.class.getName())
        .hasMessageContaining("which is not Serializable")
        .hasMessageContaining("instead of capturing it");
  }

  @Test
  void lambdaUsingTheEnclosingInstance() {
    SerFn<String, String> lambda = s -> s + suffix();
    assertThatThrownBy(() -> SerializableCheck.check(lambda, "the function of step 'Format'"))
        .hasMessageContaining("of type " + getClass().getName())
        .hasMessageContaining("enclosing instance (this)")
        .hasMessageContaining("local variable");
  }

  @Test
  void nonSerializableFieldDeepInTheGraph() {
    assertThatThrownBy(() -> SerializableCheck.check(new FnWithClient(), "the DoFn of step 'Lookup'"))
        .hasMessageContaining("field 'client.pool' of type " + Pool.class.getName() + ", which is not Serializable")
        .hasMessageContaining("transient")
        .hasMessageContaining("setup()");
  }

  @Test
  void nonSerializableElementOfACollection() {
    assertThatThrownBy(() -> SerializableCheck.check(new FnWithList(), "the DoFn"))
        .hasMessageContaining("field 'items[1]' of type " + Pool.class.getName());
  }

  @Test
  void nonSerializableLambdaInAField() {
    assertThatThrownBy(() -> SerializableCheck.check(new FnWithPlainLambda(), "the DoFn"))
        .hasMessageContaining("field 'callback'")
        .hasMessageContaining("SerializableFunction");
  }

  @Test
  void nonSerializableFunctionClass() {
    assertThatThrownBy(() -> SerializableCheck.check(new Pool(), "the CombineFn of step 'Sum'"))
        .hasMessageContaining("its class " + Pool.class.getName() + " does not implement java.io.Serializable");
  }

  @Test
  void deserializationFailuresAreReported() {
    assertThatThrownBy(() -> SerializableCheck.check(new NoValidConstructor(), "the DoFn"))
        .hasMessageContaining("can be serialized but not deserialized")
        .hasMessageContaining("no-argument constructor");
  }
}
