package dev.distillwatch.sketches;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 8-byte header shared by every serialised DistillWatch sketch, and bounds-checked reading of
 * the payload behind it. All multi-byte values are little-endian.
 *
 * <pre>
 * offset 0..3  magic 0x44 0x57 0x53 0x4B ("DWSK")
 * offset 4     family id ({@link SketchFamily#id()})
 * offset 5     format version of that family
 * offset 6..7  reserved, must be 0
 * offset 8..   family-specific payload (documented on each sketch's toByteArray)
 * </pre>
 *
 * <p>Public only so that the subpackages can share it; not meant for detector code.
 */
public final class SketchHeader {
  /** Size of the header in bytes. */
  public static final int SIZE = 8;

  private static final int MAGIC = 0x4B535744; // "DWSK" read little-endian

  private SketchHeader() {}

  /** Allocates a little-endian buffer of {@code SIZE + payloadBytes} with the header written. */
  public static ByteBuffer allocate(SketchFamily family, int version, int payloadBytes) {
    ByteBuffer buffer = ByteBuffer.allocate(SIZE + payloadBytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(MAGIC).put((byte) family.id()).put((byte) version).putShort((short) 0);
    return buffer;
  }

  /**
   * Checks the header and returns a reader positioned at the payload.
   *
   * @throws SketchFormatException if the bytes are null, too short, or carry the wrong magic,
   *     family or an unsupported version
   */
  public static Reader read(byte[] bytes, SketchFamily family, int supportedVersion) {
    if (bytes == null) {
      throw new SketchFormatException(family + ": bytes are null");
    }
    if (bytes.length < SIZE) {
      throw new SketchFormatException(
          family + ": truncated header, need " + SIZE + " bytes, have " + bytes.length);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int magic = buffer.getInt();
    if (magic != MAGIC) {
      throw new SketchFormatException(
          family + ": bad magic 0x" + Integer.toHexString(magic) + ", not a DistillWatch sketch");
    }
    int familyId = buffer.get() & 0xFF;
    if (familyId != family.id()) {
      throw new SketchFormatException(
          family + ": family id " + familyId + " in header, expected " + family.id());
    }
    int version = buffer.get() & 0xFF;
    if (version != supportedVersion) {
      throw new SketchFormatException(
          family + ": unsupported format version " + version + ", this build reads "
              + supportedVersion);
    }
    int reserved = buffer.getShort();
    if (reserved != 0) {
      throw new SketchFormatException(family + ": reserved header bytes are " + reserved + ", not 0");
    }
    return new Reader(buffer, family);
  }

  /** Bounds-checked little-endian reads that name the field on failure. */
  public static final class Reader {
    private final ByteBuffer buffer;
    private final SketchFamily family;

    Reader(ByteBuffer buffer, SketchFamily family) {
      this.buffer = buffer;
      this.family = family;
    }

    private void need(int bytes, String field) {
      if (buffer.remaining() < bytes) {
        throw new SketchFormatException(
            family + ": truncated at offset " + buffer.position() + " reading '" + field
                + "', need " + bytes + " bytes, have " + buffer.remaining());
      }
    }

    /** Reads a long. */
    public long getLong(String field) {
      need(8, field);
      return buffer.getLong();
    }

    /** Reads an int. */
    public int getInt(String field) {
      need(4, field);
      return buffer.getInt();
    }

    /** Reads a double. */
    public double getDouble(String field) {
      need(8, field);
      return buffer.getDouble();
    }

    /** Reads an int that must lie in {@code [min, max]}. */
    public int getInt(String field, int min, int max) {
      int value = getInt(field);
      if (value < min || value > max) {
        throw fail("'" + field + "' = " + value + " outside [" + min + ", " + max + "]");
      }
      return value;
    }

    /** Reads {@code length} raw bytes. */
    public byte[] getBytes(String field, int length) {
      if (length < 0) {
        throw fail("negative length " + length + " for '" + field + "'");
      }
      need(length, field);
      byte[] out = new byte[length];
      buffer.get(out);
      return out;
    }

    /** Fails unless every byte has been consumed. */
    public void expectEnd() {
      if (buffer.remaining() != 0) {
        throw fail(buffer.remaining() + " trailing bytes after the payload");
      }
    }

    /** A format exception for this family with the given detail. */
    public SketchFormatException fail(String detail) {
      return new SketchFormatException(family + ": " + detail);
    }
  }
}
