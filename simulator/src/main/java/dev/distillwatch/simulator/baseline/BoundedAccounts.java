package dev.distillwatch.simulator.baseline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-account state of a baseline with a bound on the number of accounts: the least recently
 * seen account is forgotten when a new one would exceed it. Not thread-safe; baselines
 * synchronise around it.
 *
 * @param <V> the per-account state
 */
final class BoundedAccounts<V> {
  private final LinkedHashMap<String, V> map;

  BoundedAccounts(int maximumAccounts) {
    this.map = new LinkedHashMap<>(Math.min(maximumAccounts, 1 << 16), 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > maximumAccounts;
      }
    };
  }

  /** The account's state, created by {@code fresh} if it has none (or was forgotten). */
  V get(String account, Supplier<V> fresh) {
    V v = map.get(account);
    if (v == null) {
      v = fresh.get();
      map.put(account, v);
    }
    return v;
  }

  int size() {
    return map.size();
  }
}
