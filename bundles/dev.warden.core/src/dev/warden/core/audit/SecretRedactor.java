package dev.warden.core.audit;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what looks like a secret from text before it is written anywhere lasting: API keys and tokens of common
 * services ({@code sk-…}, {@code ghp_…}, {@code github_pat_…}, {@code AKIA…}, {@code xox…-}, {@code glpat-…},
 * {@code AIza…}, {@code npm_…}), JSON web tokens, private-key blocks, {@code Authorization}-style credentials
 * ({@code Bearer …}, {@code Basic …}), passwords in URLs ({@code scheme://user:pw@}), the value after options such
 * as {@code --password}, {@code --token} and after names such as {@code token=}, {@code api_key:},
 * {@code "password": "…"}. Each is replaced by {@value #MASK}, keeping what says what it was.
 */
public final class SecretRedactor {

	/** What a removed secret is replaced with. */
	public static final String MASK = "[REDACTED]";

	private record Rule(Pattern pattern, String replacement) {
	}

	private static final String NAME = "[A-Za-z0-9_.-]*(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key"
			+ "|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth(?!or)|credentials?|session[_-]?id|cookie)"
			+ "[A-Za-z0-9_.-]*";

	private static final List<Rule> RULES = List.of(
			rule("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)", MASK),
			rule("(?i)\\b(authorization|proxy-authorization)(\\s*[:=]\\s*)((?:bearer|basic|token|digest)\\s+)?"
					+ "[^\\s\"',;]+", "$1$2$3" + MASK),
			rule("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}", "$1 " + MASK),
			rule("\\bsk-[A-Za-z0-9_-]{16,}", MASK),
			rule("\\bgh[pousr]_[A-Za-z0-9]{20,}", MASK),
			rule("\\bgithub_pat_[A-Za-z0-9_]{20,}", MASK),
			rule("\\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\\b", MASK),
			rule("\\bxox[abposr]-[A-Za-z0-9-]{10,}", MASK),
			rule("\\bglpat-[A-Za-z0-9_-]{20,}", MASK),
			rule("\\bAIza[0-9A-Za-z_-]{35}", MASK),
			rule("\\bnpm_[A-Za-z0-9]{36}", MASK),
			rule("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}", MASK),
			rule("([A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:]*):[^/@\\s]+@", "$1:" + MASK + "@"),
			rule("(?i)((?:^|\\s)--?(?:password|passwd|pass|token|secret|api-key|apikey|auth-token|access-key"
					+ "|secret-key|client-secret|key)(?:=|\\s+))(\"[^\"]*\"|'[^']*'|\\S+)", "$1" + MASK),
			rule("(?i)(\"" + NAME + "\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", "$1\"" + MASK + "\""),
			rule("(?i)\\b(" + NAME + ")(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s&;,\"']+)", "$1$2" + MASK));

	private SecretRedactor() {
	}

	/** {@code text} with every secret-looking part replaced by {@value #MASK}; {@code null} stays {@code null}. */
	public static String redact(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String result = text;
		for (Rule rule : RULES) {
			Matcher m = rule.pattern().matcher(result);
			if (m.find()) {
				result = m.replaceAll(rule.replacement());
			}
		}
		return result;
	}

	private static Rule rule(String regex, String replacement) {
		return new Rule(Pattern.compile(regex), replacement);
	}
}
