package dev.warden.core.internal.provider;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ContextWindow;
import dev.warden.core.provider.ModelInfo;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderException;

/**
 * Finds a model's context window: from the server's models endpoint where it states one (asked once per server and
 * model while the IDE runs; a list that could not be read is asked for again a minute later, and one the user
 * cancelled at the next prompt), else from a table of well-known models, else not known.
 */
public final class ContextWindows {

	/**
	 * Context windows of well-known models, from their makers' model pages; the first entry whose name the model's
	 * name (without a vendor prefix such as {@code anthropic/} or {@code us.anthropic.}) starts with wins, so longer
	 * names come first.
	 */
	static final List<Map.Entry<String, Integer>> KNOWN = List.of( //
			Map.entry("claude-", 200_000), //$NON-NLS-1$
			Map.entry("gpt-4.1", 1_047_576), //$NON-NLS-1$
			Map.entry("gpt-5", 400_000), //$NON-NLS-1$
			Map.entry("gpt-4o", 128_000), //$NON-NLS-1$
			Map.entry("gpt-4-turbo", 128_000), //$NON-NLS-1$
			Map.entry("gpt-4", 8_192), //$NON-NLS-1$
			Map.entry("gpt-3.5-turbo", 16_385), //$NON-NLS-1$
			Map.entry("o1-mini", 128_000), //$NON-NLS-1$
			Map.entry("o1", 200_000), //$NON-NLS-1$
			Map.entry("o3", 200_000), //$NON-NLS-1$
			Map.entry("o4-mini", 200_000), //$NON-NLS-1$
			Map.entry("gemini-", 1_048_576), //$NON-NLS-1$
			Map.entry("deepseek-", 128_000), //$NON-NLS-1$
			Map.entry("mistral-large", 128_000), //$NON-NLS-1$
			Map.entry("codestral", 256_000), //$NON-NLS-1$
			Map.entry("llama3-", 128_000), // Bedrock's meta.llama3-1-70b-instruct-v1:0 … //$NON-NLS-1$
			Map.entry("nova-micro", 128_000), //$NON-NLS-1$
			Map.entry("nova-", 300_000), // Amazon Nova Lite and Pro //$NON-NLS-1$
			Map.entry("llama3.1", 131_072), //$NON-NLS-1$
			Map.entry("llama3.2", 131_072), //$NON-NLS-1$
			Map.entry("llama3.3", 131_072), //$NON-NLS-1$
			Map.entry("llama-3.1", 131_072), //$NON-NLS-1$
			Map.entry("llama-3.3", 131_072), //$NON-NLS-1$
			Map.entry("qwen2.5-coder", 32_768), //$NON-NLS-1$
			Map.entry("qwen3-coder", 262_144)); //$NON-NLS-1$

	/** The model list is a courtesy: a server slow to give it does not hold up the first prompt for long. */
	private static final Duration LIST_TIMEOUT = Duration.ofSeconds(10);

	/** How long a list that could not be read (a timeout, a refused connection, an error status) is not asked again. */
	static final Duration ASK_AGAIN_AFTER_FAILURE = Duration.ofMinutes(1);

	/**
	 * What a server's list said of a model, by server and model.
	 *
	 * @param model      the model's entry, empty when the list does not hold it or could not be read
	 * @param validUntil {@link System#nanoTime()} after which the server is asked again, {@link Long#MAX_VALUE} for
	 *                   a list that was read
	 */
	private record Listing(Optional<ModelInfo> model, long validUntil) {
		boolean validAt(long now) {
			return validUntil == Long.MAX_VALUE || now - validUntil < 0;
		}
	}

	private static final Map<String, Listing> LISTED = new ConcurrentHashMap<>();

	private ContextWindows() {
	}

	/** @return the window of the model of {@code config}; never throws, asks the server at most once */
	public static ContextWindow find(ProviderConfig config, Cancellation cancellation) {
		return find(config, cancellation, System.nanoTime());
	}

	/** As {@link #find(ProviderConfig, Cancellation)} at {@code now}, a {@link System#nanoTime()} value. */
	static ContextWindow find(ProviderConfig config, Cancellation cancellation, long now) {
		String key = config.kind() + " " + config.baseUrl() + ' ' + config.model(); //$NON-NLS-1$
		Listing listing = LISTED.get(key);
		if (listing == null || !listing.validAt(now)) {
			listing = listed(config, cancellation, now);
			if (listing != null) {
				LISTED.put(key, listing);
			}
		}
		if (listing != null && listing.model().isPresent() && listing.model().get().contextWindow() > 0) {
			return new ContextWindow(listing.model().get().contextWindow(), ContextWindow.FROM_PROVIDER);
		}
		return known(config.model());
	}

	/** @return the window of a well-known model, or {@link ContextWindow#UNKNOWN} */
	public static ContextWindow known(String model) {
		String name = model.toLowerCase(Locale.ROOT);
		name = name.substring(name.lastIndexOf('/') + 1);
		for (String vendor : List.of("anthropic.", "openai.", "meta.", "mistral.", "amazon.")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
			int at = name.indexOf(vendor);
			if (at >= 0 && at <= 3) { // Bedrock's region prefix ("us.", "eu.") and vendor
				name = name.substring(at + vendor.length());
			}
		}
		for (Map.Entry<String, Integer> entry : KNOWN) {
			if (name.startsWith(entry.getKey())) {
				return new ContextWindow(entry.getValue(), ContextWindow.KNOWN_MODEL);
			}
		}
		return ContextWindow.UNKNOWN;
	}

	/** @return what the server's list says of the model, or {@code null} when the user cancelled the asking */
	private static Listing listed(ProviderConfig config, Cancellation cancellation, long now) {
		try {
			return new Listing(ModelLister.describe(config.withRequestTimeout(LIST_TIMEOUT), cancellation).stream()
					.filter(m -> m.id().equals(config.model())).findFirst(), Long.MAX_VALUE);
		} catch (ProviderException e) {
			if (e.kind() == ProviderException.Kind.CANCELLED || cancellation.isCancelled()) {
				return null;
			}
			// meanwhile the table, or the service's own refusal, will do
			return new Listing(Optional.empty(), now + ASK_AGAIN_AFTER_FAILURE.toNanos());
		}
	}
}
