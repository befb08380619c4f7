/**
 * API-parameter probing and shared parameter fingerprints: {@link
 * dev.distillwatch.detectors.parameters.ParameterProbingDetector}.
 *
 * <p>See docs/detectors-phrases.md.
 */
package dev.distillwatch.detectors.parameters;
