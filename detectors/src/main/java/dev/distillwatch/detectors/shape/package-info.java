/**
 * Conversation shape: {@link dev.distillwatch.detectors.shape.ConversationShapeDetector}, the
 * share of an account's requests that are one-shot, unrelated tasks (harvesting) rather than
 * conversations and agent loops, with machine-regular timing as a modest modifier.
 *
 * <p>See docs/detector-shape.md.
 */
package dev.distillwatch.detectors.shape;
