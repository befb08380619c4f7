/**
 * Text matching shared by the phrase detectors: {@link dev.distillwatch.detectors.text.TextFold}
 * (on-the-fly folding), {@link dev.distillwatch.detectors.text.PhraseMatcher} (Aho-Corasick over
 * folded chars, allocation-free), the default {@link
 * dev.distillwatch.detectors.text.PhraseCatalog} of {@link
 * dev.distillwatch.detectors.text.PhraseClass}es, and {@link
 * dev.distillwatch.detectors.text.PhraseScan}, the one pass per exchange every phrase detector
 * shares.
 *
 * <p>See docs/detectors-phrases.md.
 */
package dev.distillwatch.detectors.text;
