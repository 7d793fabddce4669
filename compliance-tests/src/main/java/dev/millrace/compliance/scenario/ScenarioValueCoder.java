package dev.millrace.compliance.scenario;

import dev.millrace.coders.AtomicCoder;
import dev.millrace.coders.CoderException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@link ScenarioValue} as a one-byte tag followed by its payload (big-endian long,
 * IEEE double bits, length-prefixed UTF-8, nothing, or a count followed by the elements).
 * Deterministic and consistent with equals.
 */
public final class ScenarioValueCoder extends AtomicCoder<ScenarioValue> {
  private static final long serialVersionUID = 1L;
  private static final ScenarioValueCoder INSTANCE = new ScenarioValueCoder();
  private static final int INTEGER = 1;
  private static final int DOUBLE = 2;
  private static final int STRING = 3;
  private static final int NULL = 4;
  private static final int LIST = 5;

  private ScenarioValueCoder() {}

  /** The coder (a singleton). */
  public static ScenarioValueCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ScenarioValue value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("ScenarioValueCoder cannot encode a Java null; use NullValue");
    }
    DataOutputStream data = new DataOutputStream(out);
    write(value, data);
    data.flush();
  }

  private static void write(ScenarioValue value, DataOutputStream out) throws IOException {
    if (value instanceof ScenarioValue.IntegerValue i) {
      out.writeByte(INTEGER);
      out.writeLong(i.value());
    } else if (value instanceof ScenarioValue.DoubleValue d) {
      out.writeByte(DOUBLE);
      out.writeLong(Double.doubleToLongBits(d.value()));
    } else if (value instanceof ScenarioValue.StringValue s) {
      byte[] bytes = s.value().getBytes(StandardCharsets.UTF_8);
      out.writeByte(STRING);
      out.writeInt(bytes.length);
      out.write(bytes);
    } else if (value instanceof ScenarioValue.NullValue) {
      out.writeByte(NULL);
    } else if (value instanceof ScenarioValue.ListValue l) {
      out.writeByte(LIST);
      out.writeInt(l.values().size());
      for (ScenarioValue v : l.values()) {
        write(v, out);
      }
    }
  }

  @Override
  public ScenarioValue decode(InputStream in) throws IOException {
    return read(new DataInputStream(in));
  }

  private static ScenarioValue read(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case INTEGER:
        return new ScenarioValue.IntegerValue(in.readLong());
      case DOUBLE:
        return new ScenarioValue.DoubleValue(Double.longBitsToDouble(in.readLong()));
      case STRING:
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new ScenarioValue.StringValue(new String(bytes, StandardCharsets.UTF_8));
      case NULL:
        return ScenarioValue.NullValue.INSTANCE;
      case LIST:
        int n = in.readInt();
        List<ScenarioValue> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          values.add(read(in));
        }
        return new ScenarioValue.ListValue(values);
      default:
        throw new CoderException("ScenarioValueCoder: unknown tag " + tag);
    }
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
