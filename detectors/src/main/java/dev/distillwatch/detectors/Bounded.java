package dev.distillwatch.detectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.distillwatch.core.Settings;

/**
 * The one eviction policy of every detector's keyed state: a Caffeine cache bounded by size,
 * whose maintenance runs on the caller's thread (no background pool, and eviction happens where
 * the work is), so memory stays bounded whatever the traffic.
 */
public final class Bounded {
  private Bounded() {}

  /** State per account, at most {@link Settings#maximumAccounts()} entries. */
  public static <V> Cache<String, V> perAccount(Settings settings) {
    return ofSize(settings.maximumAccounts());
  }

  /** State per key, at most {@code maximumSize} entries. */
  public static <K, V> Cache<K, V> ofSize(long maximumSize) {
    return Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .executor(Runnable::run)
        .build();
  }
}
