package dev.millrace.runners.microbatch;

import dev.millrace.windowing.BoundedWindow;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The slots of one window of an {@link AccumulatorTable}, by structural key: an open-addressing
 * hash table (linear probing) that keeps each slot's hash in a parallel {@code int} array, so a
 * look-up touches no object but the matching slot and its key. Not thread-safe.
 */
final class SlotMap {
  private static final int MIN_CAPACITY = 16;
  private int[] hashes;
  private AccumulatorTable.Slot[] slots;
  private int size;
  private int mask;
  /** The window of every slot (one instance, so slots do not each keep an equal copy). */
  final BoundedWindow window;
  /** {@code List.of(window)}, shared by the slots and their output values. */
  final List<BoundedWindow> windows;

  SlotMap(BoundedWindow window) {
    this.window = window;
    this.windows = List.of(window);
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    hashes = new int[capacity];
    slots = new AccumulatorTable.Slot[capacity];
    mask = capacity - 1;
  }

  /**
   * The hash of a structural key (null allowed), its {@code hashCode} thoroughly mixed (the
   * finaliser of MurmurHash3): keys' hash codes are often clustered (short strings), and the
   * keys of one partition share bits of the partitioning hash.
   */
  static int hash(Object structuralKey) {
    int h = structuralKey == null ? 0 : structuralKey.hashCode();
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  private int indexOf(int hash) {
    return hash & mask;
  }

  private static boolean sameKey(Object a, Object b) {
    return a == b || (a != null && a.equals(b));
  }

  /** The slot of the key, or null. */
  AccumulatorTable.Slot get(Object structuralKey, int hash) {
    for (int i = indexOf(hash); ; i = (i + 1) & mask) {
      AccumulatorTable.Slot s = slots[i];
      if (s == null) {
        return null;
      }
      if (hashes[i] == hash && sameKey(s.structuralKey, structuralKey)) {
        return s;
      }
    }
  }

  /** Adds a slot whose key is not in the map yet. */
  void add(AccumulatorTable.Slot slot, int hash) {
    if (size + 1 > (slots.length >> 1)) {
      grow();
    }
    insert(slot, hash);
    size++;
  }

  private void insert(AccumulatorTable.Slot slot, int hash) {
    int i = indexOf(hash);
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    slots[i] = slot;
    hashes[i] = hash;
  }

  private void grow() {
    int[] oldHashes = hashes;
    AccumulatorTable.Slot[] oldSlots = slots;
    allocate(oldSlots.length << 1);
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] != null) {
        insert(oldSlots[i], oldHashes[i]);
      }
    }
  }

  int size() {
    return size;
  }

  void forEach(Consumer<AccumulatorTable.Slot> visitor) {
    for (AccumulatorTable.Slot s : slots) {
      if (s != null) {
        visitor.accept(s);
      }
    }
  }

  void clear() {
    if (slots.length > MIN_CAPACITY) {
      allocate(MIN_CAPACITY);
    } else {
      Arrays.fill(slots, null);
    }
    size = 0;
  }
}
