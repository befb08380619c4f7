/**
 * Text matching shared by the phrase detectors: {@link dev.distillwatch.detectors.text.TextFold}
 * (on-the-fly folding), {@link dev.distillwatch.detectors.text.PhraseMatcher} (Aho-Corasick over
 * folded chars, allocation-free), the default {@link
 * dev.distillwatch.detectors.text.PhraseCatalog} of {@link
 * dev.distillwatch.detectors.text.PhraseClass}es, and {@link
 * dev.distillwatch.detectors.text.PhraseScan}, the phrase matches every phrase detector shares,
 * and {@link dev.distillwatch.detectors.text.TextPass}, the one pass over the text that yields
 * them together with the template skeleton's signature.
 *
 * <p>See docs/detectors-phrases.md.
 */
package dev.distillwatch.detectors.text;
