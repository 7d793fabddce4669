package dev.millrace.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Interfaces are validated when registered, with errors naming the interface and method. */
class OptionsRegistrationTest {
  public interface MissingSetter extends PipelineOptions {
    String getLabel();
  }

  public interface MissingGetter extends PipelineOptions {
    void setLabel(String value);
  }

  public interface MismatchedSetter extends PipelineOptions {
    int getWidth();

    void setWidth(long value);
  }

  public interface NotAnAccessor extends PipelineOptions {
    String getLabel();

    void setLabel(String value);

    void launch();
  }

  interface NotPublic extends PipelineOptions {}

  public abstract static class NotAnInterface implements PipelineOptions {}

  public enum Shape { ROUND, SQUARE }

  public interface TwoDefaults extends PipelineOptions {
    @Default.Integer(1)
    @Default.String("1")
    int getSize();

    void setSize(int value);
  }

  public interface WrongDefaultKind extends PipelineOptions {
    @Default.Integer(1)
    String getSize();

    void setSize(String value);
  }

  public interface UnknownEnumDefault extends PipelineOptions {
    @Default.Enum("TRIANGLE")
    Shape getShape();

    void setShape(Shape value);
  }

  public interface UnparsableStringDefault extends PipelineOptions {
    @Default.String("soon")
    java.time.Duration getDelay();

    void setDelay(java.time.Duration value);
  }

  enum PackagePrivateMode { A }

  public interface NonPublicOptionType extends PipelineOptions {
    PackagePrivateMode getPrivateMode();

    void setPrivateMode(PackagePrivateMode value);
  }

  static Stream<Arguments> invalidInterfaces() {
    return Stream.of(
        Arguments.of(MissingSetter.class, "Option 'label' of " + MissingSetter.class.getName()
            + " has the getter getLabel() but no matching setter setLabel(java.lang.String)."),
        Arguments.of(MissingGetter.class, "Option 'label' of " + MissingGetter.class.getName()
            + " has the setter setLabel but no getter; add getLabel()."),
        Arguments.of(MismatchedSetter.class, "Option 'width' of "
            + MismatchedSetter.class.getName() + " has the getter getWidth() but no matching "
            + "setter setWidth(int); the setter takes long instead."),
        Arguments.of(NotAnAccessor.class, "Method " + NotAnAccessor.class.getName() + ".launch "
            + "is neither a getter (getX()/isX()) nor a setter (setX(value))"),
        Arguments.of(NotPublic.class, NotPublic.class.getName() + " must be public"),
        Arguments.of(NonPublicOptionType.class, "Option 'privateMode' of "
            + NonPublicOptionType.class.getName() + " has the type "
            + PackagePrivateMode.class.getName() + ", which is not public; make it public."),
        Arguments.of(NotAnInterface.class, NotAnInterface.class.getName() + " is not an "
            + "interface"),
        Arguments.of(TwoDefaults.class, "Option 'size' (" + TwoDefaults.class.getName()
            + ".getSize()) has 2 @Default annotations"),
        Arguments.of(WrongDefaultKind.class, "Option 'size' (" + WrongDefaultKind.class.getName()
            + ".getSize()) has the type String but the default @Default.Integer, which does not "
            + "fit it; use @Default.String."),
        Arguments.of(UnknownEnumDefault.class, "Option 'shape' ("
            + UnknownEnumDefault.class.getName() + ".getShape()) has an invalid default: Invalid "
            + "value 'TRIANGLE' for --shape: expected one of [ROUND, SQUARE]"),
        Arguments.of(UnparsableStringDefault.class, "Option 'delay' ("
            + UnparsableStringDefault.class.getName() + ".getDelay()) has an invalid default: "
            + "Invalid value 'soon' for --delay"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInterfaces")
  void invalidInterfacesAreRefusedWithAClearError(
      Class<? extends PipelineOptions> iface, String message) {
    assertThatThrownBy(() -> PipelineOptionsFactory.register(iface))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs().as(iface))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
  }

  public interface WidthAsInt extends PipelineOptions {
    int getConflictWidth();

    void setConflictWidth(int value);
  }

  public interface WidthAsString extends PipelineOptions {
    String getConflictWidth();

    void setConflictWidth(String value);
  }

  @Test
  void oneFlagNameCannotHaveTwoTypesAndTheRefusalLeavesTheRegistryUsable() {
    PipelineOptionsFactory.register(WidthAsInt.class);
    assertThatThrownBy(() -> PipelineOptionsFactory.register(WidthAsString.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot register " + WidthAsString.class.getName())
        .hasMessageContaining("its option 'conflictWidth'")
        .hasMessageContaining("has the type java.lang.String")
        .hasMessageContaining(WidthAsInt.class.getName() + ".getConflictWidth() declares it as int")
        .hasMessageContaining("rename one of them");
    assertThat(PipelineOptionsFactory.fromArgs("--conflictWidth=3").create()
        .as(WidthAsInt.class).getConflictWidth()).isEqualTo(3);
  }

  public interface SharedName extends PipelineOptions {
    String getSharedLabel();

    void setSharedLabel(String value);
  }

  public interface AlsoSharedName extends PipelineOptions {
    String getSharedLabel();

    void setSharedLabel(String value);
  }

  @Test
  void twoInterfacesMayDeclareTheSameOptionWithTheSameType() {
    PipelineOptionsFactory.register(SharedName.class);
    PipelineOptionsFactory.register(AlsoSharedName.class);
    SharedName options = PipelineOptionsFactory.fromArgs("--sharedLabel=x").as(SharedName.class);
    assertThat(options.as(AlsoSharedName.class).getSharedLabel()).isEqualTo("x");
  }

  public interface Parent extends PipelineOptions {
    String getParentOnly();

    void setParentOnly(String value);
  }

  public interface Child extends Parent {
    String getChildOnly();

    void setChildOnly(String value);
  }

  @Test
  void registeringAnInterfaceRegistersTheInterfacesItExtends() {
    PipelineOptionsFactory.register(Child.class);
    assertThat(OptionsRegistry.registered()).contains(Parent.class, Child.class);
    assertThat(OptionsRegistry.registered().indexOf(Parent.class))
        .isLessThan(OptionsRegistry.registered().indexOf(Child.class));
    Child c = PipelineOptionsFactory.fromArgs("--parentOnly=p", "--childOnly=c").as(Child.class);
    assertThat(c.getParentOnly()).isEqualTo("p");
    assertThat(c.getChildOnly()).isEqualTo("c");
  }
}
