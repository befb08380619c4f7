package dev.distillwatch.detectors.coordination;

/**
 * The independent kinds of evidence that two accounts are run by one operator. Keys of one family
 * are not independent of each other (a NAT's /24 and its ASN say the same thing), so a merge
 * needs evidence from at least two families.
 */
public enum LinkFamily {
  /** Who pays: the payment-method fingerprint. */
  BILLING("payment"),
  /** Where requests come from: the /24 (IPv4) or /48 (IPv6), the ASN, the client fingerprint. */
  NETWORK("network"),
  /** What is sent: a prompt template through which the account pushes distinct tasks. */
  CONTENT("template");

  /** The families, in ordinal order. */
  static final LinkFamily[] ALL = values();

  private final String label;

  LinkFamily(String label) {
    this.label = label;
  }

  /** A key hash tagged with this family in its two low bits (never 0). */
  long tag(long key) {
    long t = (key & ~3L) | ordinal();
    return t == 0 ? 4 : t;
  }

  /** The family a {@link #tag tagged} key belongs to. */
  static LinkFamily of(long taggedKey) {
    int f = (int) (taggedKey & 3);
    return f < ALL.length ? ALL[f] : NETWORK;
  }

  /** A short label for evidence strings. */
  public String label() {
    return label;
  }
}
