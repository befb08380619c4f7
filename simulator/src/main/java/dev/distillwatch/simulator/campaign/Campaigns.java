package dev.distillwatch.simulator.campaign;

/**
 * The campaign styles of the standard suite, with the parameters chosen for a seven-day scenario.
 * Each returns a builder, so a variant is one call away.
 */
public final class Campaigns {
  private Campaigns() {}

  /**
   * Hydra chain-of-thought harvesting: 40 accounts load-balanced round-robin at 4 requests an
   * hour each, 6 templates paraphrased half the time, 5% camouflage, 4 shared payment methods, a
   * 300-address residential proxy pool.
   */
  public static Campaign.Builder hydra() {
    return Campaign.builder("hydra-cot", CampaignStyle.CHAIN_OF_THOUGHT).accounts(40).ratePerAccountPerHour(4)
        .templates(6).rotateEvery(150).paraphrase(0.5).camouflage(0.05).paymentMethods(4).proxyPool(300)
        .startDay(1).durationDays(5);
  }

  /** Agentic tool-task harvesting: 20 accounts at 3 an hour, tool definitions, 10% camouflage. */
  public static Campaign.Builder agentic() {
    return Campaign.builder("agentic-tools", CampaignStyle.AGENTIC).accounts(20).ratePerAccountPerHour(3)
        .templates(3).rotateEvery(200).paraphrase(0.3).camouflage(0.1).paymentMethods(2).proxyPool(100)
        .startDay(1).durationDays(5);
  }

  /**
   * Slow and low: 30 accounts at benign rates (about 6 a day, in office hours), 50% camouflage,
   * 10 templates rotated every 20 requests and paraphrased 80% of the time, own payment and
   * address per account.
   */
  public static Campaign.Builder slowAndLow() {
    return Campaign.builder("slow-low", CampaignStyle.CHAIN_OF_THOUGHT).accounts(30).ratePerAccountPerHour(0.25)
        .officeHours(true).balancing(Campaign.Balancing.RANDOM).templates(10).rotateEvery(20).paraphrase(0.8)
        .camouflage(0.5).startDay(0).durationDays(7);
  }

  /**
   * Churn: 15 accounts active at a time, each retired after about 60 requests (3 an hour), a
   * 500-address proxy pool; about 150 accounts in five days.
   */
  public static Campaign.Builder churn() {
    return Campaign.builder("churn", CampaignStyle.CHAIN_OF_THOUGHT).accounts(15).ratePerAccountPerHour(3)
        .requestsPerAccount(60).balancing(Campaign.Balancing.RANDOM).templates(4).paraphrase(0.5)
        .camouflage(0.1).paymentMethods(6).proxyPool(500).startDay(1).durationDays(5);
  }

  /** A single heavy scraper: one account, 250 requests an hour for two days, one template, one address. */
  public static Campaign.Builder heavyScraper() {
    return Campaign.builder("heavy-scraper", CampaignStyle.CHAIN_OF_THOUGHT).accounts(1).ratePerAccountPerHour(250)
        .templates(1).paraphrase(0).startDay(2).durationDays(2);
  }

  /**
   * Log-probability probing: 10 accounts at 20 an hour, {@code logprobs} with {@code max_tokens}
   * 1, 30% with a wide {@code logit_bias}, a 50-address proxy pool.
   */
  public static Campaign.Builder logprobProbe() {
    return Campaign.builder("logprob-probe", CampaignStyle.LOGPROB_PROBE).accounts(10).ratePerAccountPerHour(20)
        .logitBiasShare(0.3).paymentMethods(2).proxyPool(50).startDay(2).durationDays(2);
  }

  /** Self-instruct data generation: 12 accounts at 4 an hour, paraphrased openers, seed tasks. */
  public static Campaign.Builder selfInstruct() {
    return Campaign.builder("self-instruct", CampaignStyle.SELF_INSTRUCT).accounts(12).ratePerAccountPerHour(4)
        .paraphrase(0.5).camouflage(0.05).paymentMethods(3).proxyPool(60).startDay(1).durationDays(5);
  }

  /**
   * A pivot to a newly released model: 25 accounts at 2 an hour on the established model, moving
   * to the new model as soon as it is released (day 3 of the standard scenario) at three times
   * the rate.
   */
  public static Campaign.Builder modelPivot() {
    return Campaign.builder("model-pivot", CampaignStyle.CHAIN_OF_THOUGHT).accounts(25).ratePerAccountPerHour(2)
        .templates(5).paraphrase(0.5).camouflage(0.1).paymentMethods(3).proxyPool(150).pivotToNewModel(3)
        .startDay(0.5).durationDays(6);
  }
}
