package dev.distillwatch.sketches.index;

/**
 * A snapshot of one template cluster of a {@link TemplateIndex}.
 *
 * @param id stable cluster id (monotonically increasing per index, never reused)
 * @param count prompts assigned to the cluster
 * @param distinctAccounts estimated distinct account hashes (UltraLogLog, relative standard error
 *     {@code ~0.785/sqrt(2^p)}, p = {@link TemplateIndex.Builder#accountPrecision})
 * @param firstSeenMillis timestamp of the first assignment
 * @param lastSeenMillis timestamp of the latest assignment
 */
public record ClusterStats(
    long id, long count, double distinctAccounts, long firstSeenMillis, long lastSeenMillis) {}
