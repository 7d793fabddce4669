package dev.millrace.runners.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.windowing.StateCodecs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record that keeps a namespace's small cells together in one Flink value. */
class CellRecordTest {
  @Test
  void cellsSurviveEncodingAndEmptyRecordsAreNull() {
    CellRecord r = CellRecord.parse(null);
    assertThat(r.encode()).isNull();
    r.write("count", 3L, StateCodecs.longs());
    r.write("name", "window", StateCodecs.strings());
    r.write("@hold:hold", 42L, StateCodecs.longs());
    CellRecord back = CellRecord.parse(r.encode());
    assertThat(back.<Long>read("count", StateCodecs.longs())).isEqualTo(3L);
    assertThat(back.<String>read("name", StateCodecs.strings())).isEqualTo("window");
    assertThat(back.<Long>read("missing", StateCodecs.longs())).isNull();
    assertThat(back.isEmpty("missing")).isTrue();
    assertThat(back.dirty()).isFalse();
    back.clear("count");
    back.clear("name");
    back.clear("@hold:hold");
    assertThat(back.dirty()).isTrue();
    assertThat(back.encode()).isNull();
  }

  @Test
  void onlyWrittenCellsAreEncodedAgain() {
    CellRecord r = CellRecord.parse(null);
    r.write("a", 1L, StateCodecs.longs());
    r.write("b", 2L, StateCodecs.longs());
    byte[] first = r.encode();
    CellRecord back = CellRecord.parse(first);
    back.write("b", 5L, StateCodecs.longs());
    CellRecord again = CellRecord.parse(back.encode());
    assertThat(again.<Long>read("a", StateCodecs.longs())).isEqualTo(1L);
    assertThat(again.<Long>read("b", StateCodecs.longs())).isEqualTo(5L);
  }

  @Test
  void writingNullEmptiesTheCellAndReadsShareTheDecodedValue() {
    CellRecord r = CellRecord.parse(null);
    r.write("list", new ArrayList<>(List.of(1L)), StateCodecs.listOf(StateCodecs.longs()));
    CellRecord back = CellRecord.parse(r.encode());
    Object once = back.read("list", StateCodecs.listOf(StateCodecs.longs()));
    assertThat(back.<Object>read("list", StateCodecs.listOf(StateCodecs.longs()))).isSameAs(once);
    back.write("list", null, StateCodecs.listOf(StateCodecs.longs()));
    assertThat(back.isEmpty("list")).isTrue();
  }

  @Test
  void holdsAreFoundByTheirPrefix() {
    CellRecord r = CellRecord.parse(null);
    r.write("@hold:hold", 7L, StateCodecs.longs());
    r.write("@hold:extraHold", 9L, StateCodecs.longs());
    r.write("lastPane", 1L, StateCodecs.longs());
    List<Long> holds = new ArrayList<>();
    CellRecord.parse(r.encode()).forEachLong("@hold:", holds::add);
    assertThat(holds).containsExactlyInAnyOrder(7L, 9L);
  }
}
