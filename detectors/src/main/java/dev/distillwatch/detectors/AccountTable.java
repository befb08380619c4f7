package dev.distillwatch.detectors;

import com.github.benmanes.caffeine.cache.Cache;
import dev.distillwatch.core.Derivation;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Per-account state of several detectors behind one bounded look-up: one {@link Bounded} entry
 * per account, a row holding each detector's state in its own {@link Slot}. A request then costs
 * one cache look-up (memoised on the exchange) instead of one per detector; on the request path
 * those look-ups are random memory accesses, the kind of work the pipeline's time is made of.
 *
 * <p>At most {@link Settings#maximumAccounts()} accounts; evicting one drops the state of every
 * detector sharing the table, so memory stays bounded as with a cache per detector. Slots are
 * registered while the detectors are built, before the first look-up. Thread-safe.
 */
public final class AccountTable {
  private final Cache<String, AtomicReferenceArray<Object>> rows;
  private final Derivation<AtomicReferenceArray<Object>> row;
  private volatile int slots;
  private volatile boolean used;

  private AccountTable(Settings settings) {
    this.rows = Bounded.perAccount(settings);
    // Memoised on the exchange: every detector that asks during one inspection gets the row of
    // the first look-up. Not a pure function of the exchange as derivations usually are, but the
    // same row for as long as the account is held, which is what the detectors would look up.
    this.row = exchange -> rows.get(exchange.account(), account -> newRow());
  }

  /** An empty table for the given settings' account bound. */
  public static AccountTable create(Settings settings) {
    return new AccountTable(settings);
  }

  /**
   * Registers a slot whose state {@code factory} creates on an account's first request.
   *
   * @throws IllegalStateException once the table has been looked up
   */
  public synchronized <V> Slot<V> slot(Function<Exchange, ? extends V> factory) {
    if (used) {
      throw new IllegalStateException("slots are registered before the first look-up");
    }
    return new Slot<>(this, slots++, factory);
  }

  /** How many accounts the table holds state for now (at most the configured maximum). */
  public long accounts() {
    rows.cleanUp();
    return rows.estimatedSize();
  }

  private AtomicReferenceArray<Object> newRow() {
    if (!used) {
      synchronized (this) {
        used = true;
      }
    }
    return new AtomicReferenceArray<>(slots);
  }

  /** One detector's state per account in an {@link AccountTable}. */
  public static final class Slot<V> {
    private final AccountTable table;
    private final int index;
    private final Function<Exchange, ? extends V> factory;

    private Slot(AccountTable table, int index, Function<Exchange, ? extends V> factory) {
      this.table = table;
      this.index = index;
      this.factory = factory;
    }

    /** How many accounts the slot's table holds state for now (see {@link AccountTable#accounts}). */
    public long trackedAccounts() {
      return table.accounts();
    }

    /** The state of the exchange's account, created on its first request. */
    @SuppressWarnings("unchecked")
    public V of(Exchange exchange) {
      AtomicReferenceArray<Object> row = exchange.derived(table.row);
      Object state = row.get(index);
      if (state == null) {
        V created = factory.apply(exchange);
        state = row.compareAndExchange(index, null, created);
        if (state == null) {
          state = created;
        }
      }
      return (V) state;
    }
  }
}
