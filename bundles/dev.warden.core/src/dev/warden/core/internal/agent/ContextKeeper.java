package dev.warden.core.internal.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.warden.core.agent.Compaction;
import dev.warden.core.agent.ContextBudget;
import dev.warden.core.agent.ContextUse;
import dev.warden.core.agent.Conversation;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.Message;
import dev.warden.core.provider.ModelProvider;
import dev.warden.core.provider.ModelRequest;
import dev.warden.core.provider.ProviderException;
import dev.warden.core.provider.ToolSpec;
import dev.warden.core.provider.Usage;

/**
 * Keeps a session's requests inside the model's context window: estimates each request (corrected by the counts the
 * service reports), trims old tool outputs first, and has the start of the conversation summarized when that is not
 * enough or when the service refused a request as too long.
 */
public final class ContextKeeper {

	/** The share of the limit the verbatim messages may take after a compaction before a request. */
	public static final double SHARE_KEPT = 0.5;

	/** The share after the service refused a request as too long. */
	public static final double SHARE_KEPT_AFTER_REFUSAL = 0.25;

	/** The share when the user asks for a compaction. */
	public static final double SHARE_KEPT_NOW = 0.25;

	/** The estimate is corrected by at most this factor either way. */
	private static final double MAX_CORRECTION = 4.0;

	private final ModelProvider provider;

	private final ContextBudget budget;

	/** Tokens each model counted per estimated token, by server and model, for the life of the IDE. */
	private static final Map<String, Double> RATIOS = new ConcurrentHashMap<>();

	/** Tokens the service counted per estimated token, from the last request it counted. */
	private double ratio;

	private final String model;

	public ContextKeeper(ModelProvider provider, ContextBudget budget) {
		this.provider = provider;
		this.budget = budget;
		this.model = provider.config().baseUrl() + ' ' + provider.config().model();
		this.ratio = RATIOS.getOrDefault(model, 1.0);
	}

	public ContextBudget budget() {
		return budget;
	}

	/**
	 * @return the most tokens a request may hold: the threshold of the budget, and never so much that the longest
	 *         answer would not fit after it; 0 when the window is not known
	 */
	public long limit() {
		if (!budget.known()) {
			return 0;
		}
		long roomForAnswer = budget.windowTokens() - (long) provider.config().maxOutputTokens();
		return Math.max(budget.windowTokens() / 4, Math.min(budget.threshold(), roomForAnswer));
	}

	/** A request with the messages of {@code conversation} that are sent, and its estimated size. */
	public record Prepared(ModelRequest request, long estimate) {
	}

	/** @return the request for {@code conversation}, old tool outputs trimmed if it would pass the limit otherwise */
	public Prepared prepare(String system, String suffix, List<ToolSpec> tools, Conversation conversation) {
		long fixed = PromptWindow.estimateFixed(system + suffix, tools);
		List<Message> view = PromptWindow.view(conversation);
		long limit = limit();
		if (limit > 0) {
			view = PromptWindow.trimmed(view, raw(limit) - fixed);
		}
		return new Prepared(new ModelRequest(system, suffix, tools, view), fixed + PromptWindow.estimate(view));
	}

	/** @return whether {@code prepared} passes the limit even with old tool outputs trimmed */
	public boolean tooLarge(Prepared prepared) {
		long limit = limit();
		return limit > 0 && counted(prepared.estimate()) > limit;
	}

	/** @return the window's use by {@code prepared} before it is sent */
	public ContextUse estimatedUse(Prepared prepared) {
		return new ContextUse(counted(prepared.estimate()), budget.windowTokens(), true, budget.source());
	}

	/**
	 * Learns from the service's count of a request Warden estimated.
	 *
	 * @return the window's use as counted, or {@code null} when the service counted nothing
	 */
	public ContextUse observed(Prepared prepared, Usage usage) {
		if (usage.promptTokens() <= 0 || prepared.estimate() <= 0) {
			return null;
		}
		ratio = Math.max(1 / MAX_CORRECTION,
				Math.min(MAX_CORRECTION, usage.promptTokens() / (double) prepared.estimate()));
		RATIOS.put(model, ratio);
		return new ContextUse(usage.promptTokens() + usage.outputTokens(), budget.windowTokens(), false,
				budget.source());
	}

	/** The service refused a request Warden thought would fit: estimate more generously from now on. */
	public void underestimated() {
		ratio = Math.min(MAX_CORRECTION, ratio * 1.3);
		RATIOS.put(model, ratio);
	}

	/** A new summary and what writing it cost. */
	public record Result(Compaction compaction, Usage usage) {
	}

	/**
	 * Has the model summarize the start of the conversation, keeping the newest messages verbatim.
	 *
	 * @param share the share of the limit the kept messages may take (smaller after the service refused a request)
	 * @return the new summary, or {@code null} when nothing more can be summarized
	 */
	public Result compact(Conversation conversation, String system, List<ToolSpec> tools, double share,
			Cancellation cancellation) throws ProviderException {
		Compaction last = conversation.lastCompaction();
		int start = last == null ? 0 : last.upTo();
		List<Message> messages = conversation.messages();
		long fixed = PromptWindow.estimateFixed(system, tools);
		long before = counted(fixed + PromptWindow.estimate(PromptWindow.view(conversation)));
		long limit = limit();
		long keep = limit > 0 ? Math.max(0, raw((long) (limit * share)) - fixed)
				: (long) (PromptWindow.estimate(messages.subList(start, messages.size())) * share);
		int cut = PromptWindow.cutPoint(messages, start, keep);
		if (cut <= start) {
			return null;
		}
		long input = budget.known()
				? raw((long) ((budget.windowTokens() - provider.config().maxOutputTokens()) * 0.7))
						- PromptWindow.estimate(Summarizer.INSTRUCTIONS)
				: 50_000;
		Summarizer.Summary summary = Summarizer.summarize(provider, last == null ? "" : last.summary(), //$NON-NLS-1$
				messages.subList(start, cut), input, cancellation);
		Compaction draft = new Compaction(cut, summary.text(), Instant.now(), before, 0);
		long after = counted(fixed + PromptWindow.estimate(PromptWindow.view(conversation.compacted(draft))));
		return new Result(new Compaction(cut, summary.text(), draft.created(), before, after),
				summary.response().usage());
	}

	private long counted(long estimate) {
		return Math.round(estimate * ratio);
	}

	private long raw(long counted) {
		return Math.round(counted / ratio);
	}
}
