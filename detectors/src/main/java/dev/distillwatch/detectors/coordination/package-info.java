/**
 * Campaign detection across accounts: {@link
 * dev.distillwatch.detectors.coordination.CoordinationDetector} links accounts through shared
 * payment methods, networks, request shapes and pushed templates, merges them into campaigns in
 * bounded memory,
 * and scores each member with its campaign's evidence.
 *
 * <p>See docs/detector-coordination.md.
 */
package dev.distillwatch.detectors.coordination;
