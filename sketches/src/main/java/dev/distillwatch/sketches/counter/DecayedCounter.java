package dev.distillwatch.sketches.counter;

import dev.distillwatch.sketches.SketchFamily;
import dev.distillwatch.sketches.SketchHeader;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * An exponentially time-decayed count and rate (forward decay, Cormode, Shkapenyuk, Srivastava,
 * Xu, "Forward Decay", ICDE 2009): an event of weight w at time t contributes {@code
 * w·2^(−(now − t)/halfLife)} at time now. Time is always passed in (epoch millis from the
 * gateway log, or a {@link LongSupplier} ticker), so replaying a log gives the same values.
 *
 * <p>Exact up to floating-point rounding (no estimation error). For a steady stream of λ events
 * per second the value converges to {@code λ·halfLife/ln 2}, so {@link #ratePerSecond} returns λ.
 * Events may arrive out of order. {@link #merge} adds two counters of the same half-life:
 * commutative and associative (up to rounding). Memory: 24 bytes. Not thread-safe.
 */
public final class DecayedCounter {
  /** Persisted format version. */
  public static final int FORMAT_VERSION = 1;

  private final long halfLifeMillis;
  private final double lambdaPerMilli; // ln 2 / halfLife
  private double value; // decayed to referenceMillis
  private long referenceMillis = Long.MIN_VALUE;

  /** A counter whose contributions halve every {@code halfLifeMillis} ms. */
  public DecayedCounter(long halfLifeMillis) {
    if (halfLifeMillis <= 0) {
      throw new IllegalArgumentException("halfLifeMillis must be positive: " + halfLifeMillis);
    }
    this.halfLifeMillis = halfLifeMillis;
    this.lambdaPerMilli = Math.log(2) / halfLifeMillis;
  }

  /** The half-life in milliseconds. */
  public long halfLifeMillis() {
    return halfLifeMillis;
  }

  /** Adds one event at time {@code nowMillis}. */
  public void add(long nowMillis) {
    add(1.0, nowMillis);
  }

  /** Adds one event at the time the ticker reads. */
  public void add(LongSupplier ticker) {
    add(1.0, ticker.getAsLong());
  }

  /** Adds an event of weight {@code weight} at time {@code timeMillis} (may be out of order). */
  public void add(double weight, long timeMillis) {
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be finite and ≥ 0: " + weight);
    }
    if (referenceMillis == Long.MIN_VALUE) {
      referenceMillis = timeMillis;
      value = weight;
    } else if (timeMillis >= referenceMillis) {
      value = value * decay(timeMillis - referenceMillis) + weight;
      referenceMillis = timeMillis;
    } else {
      value += weight * decay(referenceMillis - timeMillis);
    }
  }

  /** The decayed count at {@code nowMillis} (contributions after nowMillis count in full). */
  public double value(long nowMillis) {
    if (referenceMillis == Long.MIN_VALUE) {
      return 0;
    }
    return nowMillis >= referenceMillis ? value * decay(nowMillis - referenceMillis) : value;
  }

  /** The decayed event rate per second at {@code nowMillis}. */
  public double ratePerSecond(long nowMillis) {
    return value(nowMillis) * lambdaPerMilli * 1000.0;
  }

  /** Time of the latest event, or {@link Long#MIN_VALUE} if empty. */
  public long lastEventMillis() {
    return referenceMillis;
  }

  private double decay(long elapsedMillis) {
    return Math.exp(-lambdaPerMilli * elapsedMillis);
  }

  /** Adds the contributions of {@code other} (same half-life) into this counter. */
  public DecayedCounter merge(DecayedCounter other) {
    if (other.halfLifeMillis != halfLifeMillis) {
      throw new IllegalArgumentException("half-lives differ: " + halfLifeMillis + " vs " + other.halfLifeMillis);
    }
    if (other.referenceMillis != Long.MIN_VALUE) {
      add(other.value, other.referenceMillis);
    }
    return this;
  }

  /**
   * Serialises the counter. Layout after the 8-byte header (family {@link
   * SketchFamily#DECAYED_COUNTER}, version {@value #FORMAT_VERSION}), little-endian: {@code long
   * halfLifeMillis, long referenceMillis (Long.MIN_VALUE = empty), double value}.
   */
  public byte[] toByteArray() {
    ByteBuffer buffer = SketchHeader.allocate(SketchFamily.DECAYED_COUNTER, FORMAT_VERSION, 24);
    buffer.putLong(halfLifeMillis).putLong(referenceMillis).putDouble(value);
    return buffer.array();
  }

  /**
   * Restores a counter written by {@link #toByteArray()}.
   *
   * @throws dev.distillwatch.sketches.SketchFormatException if the bytes are not a valid counter
   */
  public static DecayedCounter fromByteArray(byte[] bytes) {
    SketchHeader.Reader in = SketchHeader.read(bytes, SketchFamily.DECAYED_COUNTER, FORMAT_VERSION);
    long halfLife = in.getLong("halfLifeMillis");
    if (halfLife <= 0) {
      throw in.fail("halfLifeMillis " + halfLife + " is not positive");
    }
    DecayedCounter counter = new DecayedCounter(halfLife);
    counter.referenceMillis = in.getLong("referenceMillis");
    counter.value = in.getDouble("value");
    if (!Double.isFinite(counter.value) || counter.value < 0) {
      throw in.fail("value " + counter.value + " is not a finite non-negative number");
    }
    in.expectEnd();
    return counter;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecayedCounter d && d.halfLifeMillis == halfLifeMillis
        && d.referenceMillis == referenceMillis && Double.compare(d.value, value) == 0;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(referenceMillis) * 31 + Double.hashCode(value);
  }
}
