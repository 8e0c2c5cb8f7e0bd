package dev.warden.core.internal.agent;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

import dev.warden.core.agent.CommandRules;
import dev.warden.core.agent.PathRules;
import dev.warden.core.agent.UrlRules;
import dev.warden.core.protect.FetchException;
import dev.warden.core.protect.FetchedContent;
import dev.warden.core.protect.PathDecision;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.SafeFetcher;
import dev.warden.core.protect.UrlDecision;
import dev.warden.core.protect.UrlPolicy;
import dev.warden.core.operations.Cancellation;
import dev.warden.core.tools.FetchedPage;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.UrlFetcher;
import dev.warden.core.trust.CommandVerdict;

/**
 * Connects the agent's gateway seams to Warden's policies: paths to {@link PathPolicy}, commands to the trusted-command
 * policy, URLs to {@link UrlPolicy} and the {@link SafeFetcher}. Nothing here decides anything itself.
 */
public final class PolicyAdapters {

	private PolicyAdapters() {
	}

	/** Paths: refused when outside the roots or malformed, and when hidden (ignored or sensitive). */
	public static PathRules paths(PathPolicy policy) {
		return (path, write) -> {
			PathDecision decision = write ? policy.decideWrite(path) : policy.decide(path);
			return decision.isAllowed() ? Optional.empty() : Optional.of(decision.reason());
		};
	}

	/**
	 * Commands: the verdict of the trusted-command policy, read afresh for each command so that patterns saved a
	 * moment ago count. "Always trust" saves the patterns the user ticked before it answers, so {@code trust} has
	 * nothing left to do: trusting a whole command line here would trust every part of a chain at once.
	 */
	public static CommandRules commands(Function<String, CommandVerdict> policy) {
		return new CommandRules() {
			@Override
			public Verdict check(String commandLine) {
				CommandVerdict verdict = policy.apply(commandLine);
				Level level = switch (verdict.verdict()) {
				case TRUSTED -> Level.TRUSTED;
				case DENIED -> Level.DENIED;
				default -> Level.ASK;
				};
				return new Verdict(level, verdict.reason(), verdict);
			}

			@Override
			public void trust(String commandLine) {
				// the approval saved the ticked patterns, one per part; see the class comment
			}
		};
	}

	/** URLs: the same rules for the agent's fetch_url as for a URL the user pastes. */
	public static UrlRules urls(UrlPolicy policy) {
		return url -> {
			UrlDecision decision = policy.decide(url);
			return decision.isAllowed() ? Optional.empty() : Optional.of(decision.reason());
		};
	}

	/** Fetches through the {@link SafeFetcher}, which connects only to the address the policy checked. */
	public static UrlFetcher fetcher(SafeFetcher fetcher) {
		return (URI url, int maxChars, Cancellation cancellation) -> {
			cancellation.throwIfCancelled();
			try {
				FetchedContent content = fetcher.fetch(url.toString());
				cancellation.throwIfCancelled();
				String block = content.toPromptBlock();
				boolean truncated = content.truncated() || block.length() > maxChars;
				return new FetchedPage(URI.create(content.url()), 200, content.contentType(),
						block.length() > maxChars ? block.substring(0, maxChars) : block, truncated);
			} catch (FetchException e) {
				throw new ToolException(e.getMessage());
			}
		};
	}
}
