/**
 * Reasoning (chain-of-thought) elicitation: {@link
 * dev.distillwatch.detectors.reasoning.ReasoningDetector}.
 *
 * <p>See docs/detectors-phrases.md.
 */
package dev.distillwatch.detectors.reasoning;
