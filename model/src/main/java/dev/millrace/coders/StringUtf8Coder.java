package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@code String} as its UTF-8 byte length (a variable-length integer) followed by its
 * UTF-8 bytes. Unpaired surrogates become {@code '?'}, as with {@link String#getBytes}.
 * Deterministic and consistent with {@code equals} (for well-formed strings).
 *
 * <p>Encoding and decoding reuse a per-thread scratch buffer, so that a string costs no
 * allocation beyond the decoded {@code String} itself.
 */
public final class StringUtf8Coder extends AtomicCoder<String> {
  private static final long serialVersionUID = 1L;
  private static final StringUtf8Coder INSTANCE = new StringUtf8Coder();

  /** Strings longer than this are encoded without the scratch buffer, which is kept small. */
  private static final int MAX_SCRATCH_CHARS = 1 << 16;

  private static final class Scratch {
    byte[] buf = new byte[256];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private StringUtf8Coder() {}

  /** The coder (a singleton). */
  public static StringUtf8Coder of() {
    return INSTANCE;
  }

  @Override
  public void encode(String value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    int chars = value.length();
    if (chars > MAX_SCRATCH_CHARS) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      VarInts.writeInt(bytes.length, out);
      out.write(bytes);
      return;
    }
    Scratch s = SCRATCH.get();
    byte[] buf = s.buf;
    if (buf.length < chars * 3) {
      buf = new byte[Math.max(chars * 3, buf.length * 2)];
      s.buf = buf;
    }
    int n = utf8(value, chars, buf);
    VarInts.writeInt(n, out);
    out.write(buf, 0, n);
  }

  /** Writes the UTF-8 encoding of {@code value} into {@code buf}, returning its length. */
  private static int utf8(String value, int chars, byte[] buf) {
    int n = 0;
    int i = 0;
    for (; i < chars; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        break;
      }
      buf[n++] = (byte) c;
    }
    for (; i < chars; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        buf[n++] = (byte) c;
      } else if (c < 0x800) {
        buf[n++] = (byte) (0xC0 | (c >> 6));
        buf[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < chars
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, value.charAt(++i));
          buf[n++] = (byte) (0xF0 | (cp >> 18));
          buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          buf[n++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          buf[n++] = (byte) '?';
        }
      } else {
        buf[n++] = (byte) (0xE0 | (c >> 12));
        buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return n;
  }

  @Override
  public String decode(InputStream in) throws IOException {
    int len = VarInts.readLength(in);
    if (len > MAX_SCRATCH_CHARS * 3) {
      byte[] bytes = new byte[len];
      VarInts.readFully(in, bytes, 0, len);
      return new String(bytes, StandardCharsets.UTF_8);
    }
    Scratch s = SCRATCH.get();
    byte[] buf = s.buf;
    if (buf.length < len) {
      buf = new byte[Math.max(len, buf.length * 2)];
      s.buf = buf;
    }
    VarInts.readFully(in, buf, 0, len);
    return new String(buf, 0, len, StandardCharsets.UTF_8);
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
