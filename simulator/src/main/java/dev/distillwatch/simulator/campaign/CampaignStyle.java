package dev.distillwatch.simulator.campaign;

/** What a campaign asks for: the content and parameters of its extraction requests. */
public enum CampaignStyle {
  /** Chain-of-thought harvesting: math, reasoning and coding tasks wrapped in reasoning-elicitation templates. */
  CHAIN_OF_THOUGHT,
  /** Agentic tool-task harvesting: agent tasks sent with tool definitions and a planning instruction. */
  AGENTIC,
  /** Log-probability probing: {@code logprobs} with {@code max_tokens} 1, some with a wide {@code logit_bias}. */
  LOGPROB_PROBE,
  /** Self-instruct data generation: "come up with N diverse tasks" prompts seeded with example tasks. */
  SELF_INSTRUCT
}
