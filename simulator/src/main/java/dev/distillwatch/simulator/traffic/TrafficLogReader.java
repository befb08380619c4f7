package dev.distillwatch.simulator.traffic;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a traffic log (JSON Lines, format version 1; see {@code traffic-log.md}) line by line,
 * handing each good line to a consumer as a {@link LogRecord} and each bad line to another as a
 * {@link BadLine}. Input is streamed: only the current line is in memory.
 *
 * <pre>{@code
 * TrafficLogReader reader = TrafficLogReader.builder().build();
 * ReadSummary summary = reader.read(path, record -> replay.accept(record), bad -> System.err.println(bad));
 * }</pre>
 *
 * <h2>What is a bad line</h2>
 *
 * A line that is not one JSON object, lacks {@code account} or {@code ts} or both {@code prompt}
 * and {@code messages}, or has a field of the wrong type; a line longer than
 * {@linkplain Builder#maximumLineLength(int) the limit}. Blank lines are ignored and not counted.
 *
 * <h2>Tolerances</h2>
 *
 * The reader is tolerant where a gateway's logs commonly differ from the letter of the format:
 * <ul>
 *   <li>JSON {@code null} in an optional field reads as absent; a message's {@code content} may be
 *       null or absent (an assistant message that only calls tools) and reads as empty text;
 *   <li>{@code ts}: RFC 3339 with any offset and any number of fractional digits (truncated to
 *       milliseconds), lower-case {@code t}/{@code z}, seconds optional; or an integral number of
 *       epoch milliseconds; years 0000 to 9999 only;
 *   <li>{@code attrs}: number and boolean values are kept as their JSON text
 *       ({@code "asn": 13335} reads as {@code "13335"}), null values are dropped; an array or
 *       object value makes the line bad;
 *   <li>{@code system} may also be an array of blocks (Anthropic style), read like a message's
 *       content; a content block may be a bare string, and a block without {@code type} is text;
 *   <li>{@code response} counts may be fractional (rounded); negative counts make the line bad;
 *   <li>both {@code messages} and {@code prompt}: the prompt is appended as a last user message;
 *   <li>unescaped control characters inside JSON strings are accepted; malformed UTF-8 is read as
 *       U+FFFD; a byte-order mark at the start is skipped; lines may end in CRLF; a gzip-compressed
 *       stream or file is decompressed;
 *   <li>unknown fields are ignored; of duplicate fields the last one counts.
 * </ul>
 *
 * <p>A reader is immutable and may be shared; each {@code read} call is independent.
 */
public final class TrafficLogReader {
  /**
   * The default limit on the length of one line, in characters: 64 Mi, which holds a prompt of
   * tens of megabytes. Jackson's own limit on string length (20 M characters by default in 2.18)
   * is raised to the same value, so that no legitimate string is rejected by the parser first.
   */
  public static final int DEFAULT_MAXIMUM_LINE_LENGTH = 64 * 1024 * 1024;

  private static final int CHUNK = 64 * 1024;
  /** After a line longer than this, the line buffer is dropped rather than kept at its size. */
  private static final int RETAINED_BUFFER = 1024 * 1024;

  private final int maximumLineLength;
  private final boolean strict;
  private final LogLineParser parser;

  private TrafficLogReader(Builder b) {
    this.maximumLineLength = b.maximumLineLength;
    this.strict = b.strict;
    this.parser = new LogLineParser(maximumLineLength);
  }

  /** A builder; the defaults are tolerant (bad lines skipped) with a 64 Mi character line limit. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a UTF-8 file, gzip-compressed or not.
   *
   * @throws BadLineException in strict mode, at the first bad line
   * @throws IOException if the file cannot be read
   */
  public ReadSummary read(Path file, Consumer<LogRecord> records, Consumer<BadLine> badLines) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, records, badLines);
    }
  }

  /**
   * Reads UTF-8 from a stream, which is left open. A gzip stream (as {@code simulate -o x.gz}
   * writes) is recognised by its magic number and decompressed.
   */
  public ReadSummary read(InputStream in, Consumer<LogRecord> records, Consumer<BadLine> badLines)
      throws IOException {
    InputStream buffered = new BufferedInputStream(Objects.requireNonNull(in, "in"), CHUNK);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    InputStream raw = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, CHUNK) : buffered;
    return read(new InputStreamReader(raw, StandardCharsets.UTF_8), records, badLines);
  }

  /**
   * Reads from a character stream, which is left open, to its end: each good line goes to
   * {@code records} and each bad line to {@code badLines}, in file order.
   *
   * @throws BadLineException in strict mode, at the first bad line (after handing it to
   *     {@code badLines})
   * @throws IOException if reading fails
   */
  public ReadSummary read(Reader in, Consumer<LogRecord> records, Consumer<BadLine> badLines) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(badLines, "badLines");
    long read = 0;
    long accepted = 0;
    long skipped = 0;
    LineSplitter lines = new LineSplitter(in);
    while (lines.next()) {
      if (lines.isBlank()) {
        continue;
      }
      read++;
      long number = lines.number();
      BadLine bad = null;
      if (lines.tooLong()) {
        bad = new BadLine(number, "line is longer than the limit of " + maximumLineLength + " characters");
      } else {
        try {
          LogRecord record = parser.parse(number, lines.text());
          accepted++;
          records.accept(record);
        } catch (LogLineParser.Rejection r) {
          bad = new BadLine(number, r.getMessage());
        }
      }
      if (bad != null) {
        skipped++;
        badLines.accept(bad);
        if (strict) {
          throw new BadLineException(bad, new ReadSummary(read, accepted, skipped));
        }
      }
    }
    return new ReadSummary(read, accepted, skipped);
  }

  public int maximumLineLength() {
    return maximumLineLength;
  }

  /** Whether the first bad line ends the read with a {@link BadLineException}. */
  public boolean strict() {
    return strict;
  }

  @Override
  public String toString() {
    return "TrafficLogReader{maximumLineLength=" + maximumLineLength + ", strict=" + strict + "}";
  }

  /**
   * Splits a character stream at {@code \n} (dropping a {@code \r} before it), keeping at most
   * the line limit of each line in memory; the rest of a longer line is read and discarded.
   */
  private final class LineSplitter {
    private final Reader in;
    private final char[] buffer = new char[CHUNK];
    private StringBuilder line = new StringBuilder();
    private int pos;
    private int end;
    private long number;
    private boolean tooLong;
    private boolean eof;

    LineSplitter(Reader in) {
      this.in = in;
    }

    /** Advances to the next line; false at the end of input. */
    boolean next() throws IOException {
      if (line.capacity() > RETAINED_BUFFER) {
        line = new StringBuilder(); // one huge prompt must not pin its buffer for the whole read
      }
      line.setLength(0);
      tooLong = false;
      boolean any = false;
      while (true) {
        if (pos == end) {
          if (eof) {
            break;
          }
          end = in.read(buffer, 0, buffer.length);
          pos = 0;
          if (end <= 0) {
            end = 0;
            eof = true;
            break;
          }
        }
        any = true;
        int start = pos;
        while (pos < end && buffer[pos] != '\n') {
          pos++;
        }
        append(start, pos);
        if (pos < end) {
          pos++; // the newline
          number++;
          finish();
          return true;
        }
      }
      if (!any) {
        return false;
      }
      number++;
      finish();
      return true;
    }

    private void append(int from, int to) {
      if (tooLong || from == to) {
        return;
      }
      if ((long) line.length() + (to - from) > maximumLineLength + 1L) { // +1: room for a '\r'
        tooLong = true;
        line.setLength(0);
        return;
      }
      line.append(buffer, from, to - from);
    }

    private void finish() {
      int n = line.length();
      if (n > 0 && line.charAt(n - 1) == '\r') {
        line.setLength(n - 1);
      }
      if (number == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF') {
        line.deleteCharAt(0);
      }
      if (line.length() > maximumLineLength) {
        tooLong = true;
        line.setLength(0);
      }
    }

    long number() {
      return number;
    }

    boolean tooLong() {
      return tooLong;
    }

    boolean isBlank() {
      if (tooLong) {
        return false;
      }
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0B) {
          return false;
        }
      }
      return true;
    }

    String text() {
      return line.toString();
    }
  }

  /** Builds a {@link TrafficLogReader}. */
  public static final class Builder {
    private int maximumLineLength = DEFAULT_MAXIMUM_LINE_LENGTH;
    private boolean strict;

    private Builder() {}

    /**
     * The longest line accepted, in characters (default 64 Mi, {@link TrafficLogReader#DEFAULT_MAXIMUM_LINE_LENGTH});
     * a longer line is a bad line, read past without holding it in memory.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maximumLineLength(int characters) {
      if (characters <= 0) {
        throw new IllegalArgumentException("maximumLineLength must be positive, was " + characters);
      }
      this.maximumLineLength = characters;
      return this;
    }

    /**
     * Whether the first bad line ends the read with a {@link BadLineException} (default false:
     * bad lines are skipped and reported).
     */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    public TrafficLogReader build() {
      return new TrafficLogReader(this);
    }
  }
}
