package dev.warden.core.tests.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * What the property-based fuzzers share: the engine (QuickTheories, seeded and reproducible), the CI budget and the
 * long mode, the per-input time check, generators of hostile text, and the count of executions per fuzzer.
 * <p>
 * System properties: {@code warden.fuzz.scale} multiplies every fuzzer's number of inputs (1 in CI; e.g. 50 for a
 * long run), {@code warden.fuzz.seed} picks another seed (a failure prints the seed and the shrunk input).
 */
public final class Fuzz {

	/** The seed of every fuzzer: the same inputs on every run unless another is asked for. */
	public static final long SEED = Long.getLong("warden.fuzz.seed", 20_261_201L);

	/** How many times the CI number of inputs to try. */
	public static final double SCALE = Double.parseDouble(System.getProperty("warden.fuzz.scale", "1"));

	/** An input taking longer than this, every time it is tried, is pathological. */
	public static final long SLOW_MILLIS = 100;

	private static final int TRIES_WHEN_SLOW = 3;
	/**
	 * What each kilobyte of a long input may add to {@link #SLOW_MILLIS}: an input of thousands of lines is honest work
	 * for a parser that has not been compiled yet (a loaded machine starves the JIT), while a pathological input grows
	 * faster than its length.
	 */
	public static final long MILLIS_PER_KB = 20;

	private static final Map<String, AtomicLong> EXECUTIONS = new ConcurrentHashMap<>();

	private Fuzz() {
	}

	/** The engine for {@code ciExamples} inputs in CI, scaled in the long mode. */
	public static QuickTheory theory(int ciExamples) {
		int examples = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(ciExamples * SCALE)));
		return QuickTheory.qt().withFixedSeed(SEED).withExamples(examples).withShrinkCycles(300)
				.withGenerateAttempts(100_000);
	}

	/** The code under test for one input. */
	@FunctionalInterface
	public interface Body {
		void run() throws Exception;
	}

	/**
	 * Runs {@code body} on {@code input} for {@code fuzzer}: counts the execution; fails naming the input when the body
	 * throws anything (it catches the documented error type itself), or when it takes more than {@value #SLOW_MILLIS} ms
	 * (plus {@value #MILLIS_PER_KB} ms a kilobyte of input) of this thread's CPU time on each of
	 * {@value #TRIES_WHEN_SLOW} tries (a pause of the JVM is not
	 * a pathological input; a catastrophic regular expression or a quadratic loop is slow every time).
	 */
	public static void timed(String fuzzer, Object input, Body body) {
		EXECUTIONS.computeIfAbsent(fuzzer, f -> new AtomicLong()).incrementAndGet();
		long best = Long.MAX_VALUE;
		long limit = SLOW_MILLIS + String.valueOf(input).length() * MILLIS_PER_KB / 1024;
		for (int attempt = 0; attempt < TRIES_WHEN_SLOW; attempt++) {
			long start = now();
			try {
				body.run();
			} catch (AssertionError e) {
				throw e;
			} catch (Throwable e) {
				throw new AssertionError(fuzzer + ": undeclared " + e + " for input " + describe(input), e);
			}
			long millis = (now() - start) / 1_000_000;
			best = Math.min(best, millis);
			if (best <= limit) {
				return;
			}
		}
		fail(fuzzer + ": pathological input, " + best + " ms at best (limit " + limit + " ms): "
				+ describe(input));
	}

	/**
	 * The CPU time of this thread in nanoseconds (wall-clock time where the JVM cannot tell): what an input costs,
	 * whatever else the machine is doing — CI shares its cores with other builds.
	 */
	private static long now() {
		return CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
	}

	private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory
			.getThreadMXBean();

	/**
	 * Writes the number of executions of {@code fuzzer} to standard output and to {@code target/fuzz-executions.txt}
	 * of the test module.
	 */
	public static void report(String fuzzer) {
		long count = EXECUTIONS.getOrDefault(fuzzer, new AtomicLong()).get();
		String line = "fuzz: " + fuzzer + " executions=" + count + " scale=" + SCALE + " seed=" + SEED;
		System.out.println(line);
		try {
			Path target = Files.createDirectories(Path.of("target"));
			Files.writeString(target.resolve("fuzz-executions.txt"), line + System.lineSeparator(),
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		} catch (IOException e) {
			System.out.println("fuzz: cannot write fuzz-executions.txt: " + e.getMessage());
		}
	}

	/** The input as a Java string literal would write it, so control characters are visible in a failure. */
	public static String describe(Object input) {
		String text = input instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
				: String.valueOf(input);
		StringBuilder b = new StringBuilder("\"");
		int shown = Math.min(text.length(), 2_000);
		for (int i = 0; i < shown; i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				b.append('\\').append(c);
			} else if (c >= 0x20 && c < 0x7f) {
				b.append(c);
			} else {
				b.append(String.format("\\u%04x", (int) c));
			}
		}
		b.append('"');
		if (shown < text.length()) {
			b.append(" … (").append(text.length()).append(" characters)");
		}
		return b.toString();
	}

	/** A number in {@code [min, max]}. */
	public static int between(RandomnessSource in, int min, int max) {
		return (int) in.next(Constraint.between(min, max));
	}

	/**
	 * Text made of up to {@code maxParts} parts, each a token of {@code tokens} (most of the time) or a character
	 * from anywhere in Unicode: controls, surrogates (lone ones too), format characters, look-alikes.
	 */
	public static Gen<String> soup(List<String> tokens, int maxParts) {
		return in -> {
			int parts = between(in, 0, maxParts);
			StringBuilder b = new StringBuilder();
			for (int i = 0; i < parts; i++) {
				int kind = between(in, 0, 9);
				if (kind < 7) {
					b.append(tokens.get(between(in, 0, tokens.size() - 1)));
				} else {
					b.append(anyChar(in));
				}
			}
			return b.toString();
		};
	}

	private static final String TROUBLE = "\u200b\u200e\u202e\u2028\u2029\ufeff\uff0e\u3002\u0430\u0435\u043e"
			+ "\u0440\u0441\u0455\u0456\uff05\uff0f\u2044\u2215\u00a0\u0301";

	/** One character, weighted towards the troublesome ones. */
	public static char anyChar(RandomnessSource in) {
		return switch (between(in, 0, 5)) {
		case 0 -> (char) between(in, 0, 0x1f);
		case 1 -> (char) between(in, 0x20, 0x7e);
		case 2 -> (char) between(in, 0x7f, 0xff);
		case 3 -> (char) between(in, 0xd800, 0xdfff);
		case 4 -> TROUBLE.charAt(between(in, 0, TROUBLE.length() - 1));
		default -> (char) between(in, 0, 0xffff);
		};
	}

	/** Any bytes, up to {@code maxLength}. */
	public static Gen<byte[]> bytes(int maxLength) {
		return in -> {
			byte[] b = new byte[between(in, 0, maxLength)];
			for (int i = 0; i < b.length; i++) {
				b[i] = (byte) between(in, 0, 255);
			}
			return b;
		};
	}

	/** A text repeating one of {@code units} many times: long inputs that expose quadratic work and deep recursion. */
	public static Gen<String> repeated(List<String> units, int maxRepeats) {
		return in -> units.get(between(in, 0, units.size() - 1)).repeat(between(in, 1, maxRepeats));
	}

	/** {@code normal} most of the time, {@code long} now and then. */
	public static <T> Gen<T> mostly(Gen<T> normal, Gen<T> rare) {
		return in -> between(in, 0, 9) == 0 ? rare.generate(in) : normal.generate(in);
	}
}
