package dev.millrace.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The allocation-light data input of state codecs reads as Java's DataInputStream does. */
class ByteArrayDataInputTest {
  @Test
  void readsWhatDataOutputStreamWrote() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(bytes);
    d.writeBoolean(false);
    d.writeByte(200);
    d.writeShort(65535);
    d.writeInt(-123456789);
    d.writeLong(Long.MIN_VALUE + 1);
    d.writeDouble(Math.PI);
    d.writeUTF("ünïcode");
    ByteArrayDataInput in = new ByteArrayDataInput(bytes.toByteArray());
    DataInputStream reference = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(in.readBoolean()).isEqualTo(reference.readBoolean());
    assertThat(in.readUnsignedByte()).isEqualTo(reference.readUnsignedByte());
    assertThat(in.readUnsignedShort()).isEqualTo(reference.readUnsignedShort());
    assertThat(in.readInt()).isEqualTo(reference.readInt());
    assertThat(in.readLong()).isEqualTo(reference.readLong());
    assertThat(in.readDouble()).isEqualTo(reference.readDouble());
    assertThat(in.readUTF()).isEqualTo(reference.readUTF());
    assertThat(in.atEnd()).isTrue();
  }

  @Test
  void readingPastTheEndFailsClearly() {
    ByteArrayDataInput in = new ByteArrayDataInput(new byte[3]);
    assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class)
        .hasMessageContaining("needed 4 more bytes at 0 of 3");
  }
}
