package dev.distillwatch.simulator.traffic;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Timestamps as a traffic log writes them: RFC 3339 with any offset on input
 * ({@code 2026-04-22T10:00:01.5+02:00}), RFC 3339 in UTC with milliseconds on output
 * ({@code 2026-04-22T08:00:01.500Z}).
 *
 * <p>Timestamps are kept to the years 0000 to 9999, the range RFC 3339 can write.
 */
public final class TrafficTimestamps {
  /** The earliest timestamp a traffic log can hold: 0000-01-01T00:00:00.000Z. */
  public static final long MINIMUM = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();

  /** The latest timestamp a traffic log can hold: 9999-12-31T23:59:59.999Z. */
  public static final long MAXIMUM = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private static final DateTimeFormatter OUTPUT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private TrafficTimestamps() {}

  /**
   * Parses an RFC 3339 date-time with any offset ({@code Z}, {@code +02:00}, {@code -00:00}) and
   * any number of fractional digits; lower-case {@code t} and {@code z} are accepted, as RFC 3339
   * allows. Precision below a millisecond is truncated.
   *
   * @return epoch milliseconds
   * @throws IllegalArgumentException if the text is not such a date-time, or is outside the
   *     years 0000 to 9999
   */
  public static long parse(CharSequence text) {
    String s = text.toString().toUpperCase(Locale.ROOT);
    try {
      Instant instant = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return checkRange(instant.toEpochMilli());
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException("not an RFC 3339 date-time with an offset", e);
    }
  }

  /**
   * Checks that epoch milliseconds are within the years 0000 to 9999.
   *
   * @throws IllegalArgumentException if they are not
   */
  public static long checkRange(long epochMillis) {
    if (epochMillis < MINIMUM || epochMillis > MAXIMUM) {
      throw new IllegalArgumentException("outside the years 0000 to 9999");
    }
    return epochMillis;
  }

  /**
   * Formats epoch milliseconds as RFC 3339 in UTC with milliseconds, e.g.
   * {@code 2026-04-22T08:00:01.123Z}.
   *
   * @throws IllegalArgumentException if they are outside the years 0000 to 9999
   */
  public static String format(long epochMillis) {
    return OUTPUT.format(Instant.ofEpochMilli(checkRange(epochMillis)));
  }
}
