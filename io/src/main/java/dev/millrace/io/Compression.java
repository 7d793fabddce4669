package dev.millrace.io;

/**
 * How the bytes of a file are compressed, for {@code TextIO.read().withCompression(...)}.
 *
 * <p>{@link #AUTO} (the default) decides per file from its name: a name ending in {@code .gz} is
 * read as gzip, any other name as uncompressed. Compressed files cannot be split into byte
 * ranges, so each is read as one bundle; uncompressed files are split for parallel reading.
 */
public enum Compression {
  /** Chosen per file from its extension: {@code .gz} means gzip, anything else uncompressed. */
  AUTO,
  /** Plain bytes; files may be split into byte ranges. */
  UNCOMPRESSED,
  /** gzip (RFC 1952), including files of several concatenated gzip members. */
  GZIP;

  /**
   * The compression that applies to the named file: this one, or for {@link #AUTO} the one its
   * extension implies. Never returns {@code AUTO}.
   */
  public Compression resolve(String fileName) {
    if (this != AUTO) {
      return this;
    }
    return fileName.endsWith(".gz") ? GZIP : UNCOMPRESSED;
  }
}
