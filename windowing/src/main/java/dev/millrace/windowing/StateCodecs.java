package dev.millrace.windowing;

import com.google.common.base.Preconditions;
import com.google.common.io.ByteArrayDataOutput;
import com.google.common.io.ByteStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in {@link StateCodec}s: longs, strings, booleans, {@link PaneInfo}s, the
 * {@link GlobalWindow}, {@link IntervalWindow}s, and lists of any encodable element. All codecs are
 * stateless singletons (except {@link #listOf}) and safe to share between threads.
 */
public final class StateCodecs {
  private StateCodecs() {}

  /** Eight big-endian bytes. */
  public static StateCodec<Long> longs() {
    return LongCodec.INSTANCE;
  }

  /** A length-prefixed UTF-8 encoding (no 64 KiB limit, unlike {@code writeUTF}). */
  public static StateCodec<String> strings() {
    return StringCodec.INSTANCE;
  }

  /** One byte. */
  public static StateCodec<Boolean> booleans() {
    return BooleanCodec.INSTANCE;
  }

  /** Timing ordinal, index, non-speculative index and the first/last flags. */
  public static StateCodec<PaneInfo> paneInfos() {
    return PaneInfoCodec.INSTANCE;
  }

  /** Zero bytes: there is only one global window. */
  public static StateCodec<GlobalWindow> globalWindows() {
    return GlobalWindowCodec.INSTANCE;
  }

  /** The start and end millis, sixteen bytes. */
  public static StateCodec<IntervalWindow> intervalWindows() {
    return IntervalWindowCodec.INSTANCE;
  }

  /** A size-prefixed list whose elements use {@code elementCodec}; decodes to a mutable list. */
  public static <T> StateCodec<List<T>> listOf(StateCodec<T> elementCodec) {
    return new ListCodec<>(Preconditions.checkNotNull(elementCodec, "elementCodec"));
  }

  /** Encodes {@code value} to a byte array; wraps the (impossible) I/O error unchecked. */
  public static <T> byte[] toBytes(StateCodec<T> codec, T value) {
    Scratch scratch = SCRATCH.get();
    if (scratch.inUse) { // a codec encoding a part of its value with toBytes
      return encode(codec, value, ByteStreams.newDataOutput(32));
    }
    scratch.inUse = true;
    try {
      scratch.bytes.reset();
      return encode(codec, value, scratch.out);
    } finally {
      scratch.inUse = false;
      if (scratch.bytes.size() > Scratch.MAX_KEPT) {
        SCRATCH.remove(); // do not keep a large buffer for the thread's life
      }
    }
  }

  private static <T> byte[] encode(StateCodec<T> codec, T value, ByteArrayDataOutput out) {
    try {
      codec.encode(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode " + value + " with " + codec, e);
    }
    return out.toByteArray();
  }

  /**
   * Writes {@code value} as an unsigned varint: 7 bits a byte, least significant first, the high
   * bit set on every byte but the last (1 byte below 128, at most 10).
   */
  public static void writeVarLong(long value, DataOutput out) throws IOException {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  /** Reads a varint written by {@link #writeVarLong}. */
  public static long readVarLong(DataInput in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("corrupt varint: more than 10 bytes");
  }

  /** A thread's encoding buffer for {@link #toBytes}: state cells are encoded by the million. */
  private static final class Scratch {
    static final int MAX_KEPT = 1 << 16;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    final ByteArrayDataOutput out = ByteStreams.newDataOutput(bytes);
    boolean inUse;
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Decodes a value from {@code length} bytes at {@code offset}, as {@link #toBytes} made them. */
  public static <T> T fromBytes(StateCodec<T> codec, byte[] bytes, int offset, int length) {
    try {
      return codec.decode(new ByteArrayDataInput(bytes, offset, length));
    } catch (IOException e) {
      throw new UncheckedIOException("could not decode " + length + " bytes with " + codec, e);
    }
  }

  /** Decodes a value from bytes produced by {@link #toBytes}. */
  public static <T> T fromBytes(StateCodec<T> codec, byte[] bytes) {
    try {
      return codec.decode(new ByteArrayDataInput(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("could not decode " + bytes.length + " bytes with " + codec, e);
    }
  }

  private enum LongCodec implements StateCodec<Long> {
    INSTANCE;

    @Override
    public void encode(Long value, DataOutput out) throws IOException {
      out.writeLong(value);
    }

    @Override
    public Long decode(DataInput in) throws IOException {
      return in.readLong();
    }
  }

  private enum StringCodec implements StateCodec<String> {
    INSTANCE;

    @Override
    public void encode(String value, DataOutput out) throws IOException {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    }

    @Override
    public String decode(DataInput in) throws IOException {
      byte[] utf8 = new byte[in.readInt()];
      in.readFully(utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    }
  }

  private enum BooleanCodec implements StateCodec<Boolean> {
    INSTANCE;

    @Override
    public void encode(Boolean value, DataOutput out) throws IOException {
      out.writeBoolean(value);
    }

    @Override
    public Boolean decode(DataInput in) throws IOException {
      return in.readBoolean();
    }
  }

  /**
   * A pane as a timing ordinal, both indexes and the first/last flags (18 bytes), or as one byte
   * for the two panes most elements carry: {@link PaneInfo#NO_FIRING} (every element not yet
   * grouped) and {@link PaneInfo#ON_TIME_AND_ONLY_FIRING}. The one-byte tags are not timing
   * ordinals, so both forms decode.
   */
  private enum PaneInfoCodec implements StateCodec<PaneInfo> {
    INSTANCE;

    private static final int NO_FIRING = 0x7F;
    private static final int ON_TIME_AND_ONLY = 0x7E;
    private static final PaneInfo.Timing[] TIMINGS = PaneInfo.Timing.values();

    @Override
    public void encode(PaneInfo value, DataOutput out) throws IOException {
      if (value.equals(PaneInfo.NO_FIRING)) {
        out.writeByte(NO_FIRING);
        return;
      }
      if (value.equals(PaneInfo.ON_TIME_AND_ONLY_FIRING)) {
        out.writeByte(ON_TIME_AND_ONLY);
        return;
      }
      out.writeByte(value.timing().ordinal());
      out.writeLong(value.index());
      out.writeLong(value.nonSpeculativeIndex());
      out.writeByte((value.isFirst() ? 1 : 0) | (value.isLast() ? 2 : 0));
    }

    @Override
    public PaneInfo decode(DataInput in) throws IOException {
      int timing = in.readByte();
      if (timing == NO_FIRING) {
        return PaneInfo.NO_FIRING;
      }
      if (timing == ON_TIME_AND_ONLY) {
        return PaneInfo.ON_TIME_AND_ONLY_FIRING;
      }
      if (timing < 0 || timing >= TIMINGS.length) {
        throw new IOException("corrupt pane info: unknown timing ordinal " + timing);
      }
      long index = in.readLong();
      long nonSpeculativeIndex = in.readLong();
      int flags = in.readByte();
      return new PaneInfo(
          TIMINGS[timing], index, nonSpeculativeIndex, (flags & 1) != 0, (flags & 2) != 0);
    }
  }

  private enum GlobalWindowCodec implements StateCodec<GlobalWindow> {
    INSTANCE;

    @Override
    public void encode(GlobalWindow value, DataOutput out) {}

    @Override
    public GlobalWindow decode(DataInput in) {
      return GlobalWindow.INSTANCE;
    }
  }

  /**
   * An interval window as its start (8 bytes) and its length as a zig-zag varint (a minute takes 3
   * bytes): windows are in every shuffled record and every state namespace. The length is taken
   * modulo 2^64, so even windows spanning more than {@code Long.MAX_VALUE} round-trip.
   */
  private enum IntervalWindowCodec implements StateCodec<IntervalWindow> {
    INSTANCE;

    @Override
    public void encode(IntervalWindow value, DataOutput out) throws IOException {
      out.writeLong(value.startMillis());
      long length = value.endMillis() - value.startMillis();
      writeVarLong((length << 1) ^ (length >> 63), out); // zig-zag
    }

    @Override
    public IntervalWindow decode(DataInput in) throws IOException {
      long start = in.readLong();
      long v = readVarLong(in);
      long length = (v >>> 1) ^ -(v & 1);
      return new IntervalWindow(start, start + length);
    }
  }

  private record ListCodec<T>(StateCodec<T> elementCodec) implements StateCodec<List<T>> {
    @Override
    public void encode(List<T> value, DataOutput out) throws IOException {
      out.writeInt(value.size());
      for (T element : value) {
        elementCodec.encode(element, out);
      }
    }

    @Override
    public List<T> decode(DataInput in) throws IOException {
      int size = in.readInt();
      if (size < 0) {
        throw new IOException("corrupt list: negative size " + size);
      }
      List<T> result = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        result.add(elementCodec.decode(in));
      }
      return result;
    }
  }
}
