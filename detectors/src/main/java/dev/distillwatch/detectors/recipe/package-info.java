/**
 * Known synthetic-data recipes (self-instruct, Evol-Instruct, Orca-style system messages, judge
 * prompts): {@link dev.distillwatch.detectors.recipe.RecipeDetector}.
 *
 * <p>See docs/detectors-phrases.md.
 */
package dev.distillwatch.detectors.recipe;
