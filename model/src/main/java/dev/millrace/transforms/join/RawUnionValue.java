package dev.millrace.transforms.join;

/**
 * A value from one of the inputs of a {@link CoGroupByKey}, tagged with the index of that input.
 * Internal to the join.
 *
 * @param unionTag the index of the input the value came from
 * @param value the value
 */
record RawUnionValue(int unionTag, Object value) {}
