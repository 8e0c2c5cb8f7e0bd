package dev.warden.core.provider;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A way to obtain the API key when a request is sent, without holding it in a field that could be printed. The
 * supplier is asked for the key for every request (so a key changed in secure storage takes effect at once) and the
 * returned array is wiped after use.
 * <p>
 * {@link #toString()} never shows the key. Identity equality: two keys are equal only if they are the same object.
 */
public final class ApiKey {

	/** No key: for local servers such as Ollama that accept any request. */
	public static final ApiKey NONE = new ApiKey(() -> new char[0]);

	private final Supplier<char[]> supplier;

	private ApiKey(Supplier<char[]> supplier) {
		this.supplier = supplier;
	}

	/** A key read from {@code supplier} each time it is needed (e.g. from Eclipse secure storage). */
	public static ApiKey of(Supplier<char[]> supplier) {
		return new ApiKey(supplier == null ? NONE.supplier : supplier);
	}

	/** A key held in memory; for tests and the command line. */
	public static ApiKey ofString(String key) {
		String value = key == null ? "" : key.strip(); //$NON-NLS-1$
		return new ApiKey(value::toCharArray);
	}

	/**
	 * Reveals the key to code that puts it into a request header. The caller must not log, store or print it.
	 *
	 * @return the key, or the empty string if there is none
	 */
	public String reveal() {
		char[] chars = supplier.get();
		if (chars == null) {
			return ""; //$NON-NLS-1$
		}
		try {
			return new String(chars).strip();
		} finally {
			Arrays.fill(chars, '\0');
		}
	}

	/** @return whether a non-blank key is configured */
	public boolean isPresent() {
		return !reveal().isEmpty();
	}

	@Override
	public String toString() {
		return "ApiKey[hidden]"; //$NON-NLS-1$
	}
}
