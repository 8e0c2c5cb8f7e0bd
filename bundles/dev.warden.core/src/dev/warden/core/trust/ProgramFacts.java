package dev.warden.core.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import dev.warden.core.internal.trust.FactTable;

/**
 * What programs do with their options, subcommands and operands, for the trust policy: Warden's own table (the
 * resource {@code program-facts.txt} next to this class, whose header documents the format) and, optionally, an
 * administrator's file in the same format that adds facts about other tools. Read once; immutable.
 */
public final class ProgramFacts {

	private static final String RESOURCE = "program-facts.txt";

	private final FactTable table;
	private final List<String> problems;

	private ProgramFacts(FactTable table) {
		this(table, table.problems().stream().map(Object::toString).toList());
	}

	private ProgramFacts(FactTable table, List<String> problems) {
		this.table = table;
		this.problems = problems;
	}

	/** Warden's own facts, with the problem that an administrator's file could not be read. */
	public static ProgramFacts unreadable(String name, String problem) {
		return new ProgramFacts(builtIn().table, List.of(name + ": " + problem));
	}

	/** Warden's own facts, read the first time they are asked for. */
	public static ProgramFacts builtIn() {
		return BuiltIn.VALUE;
	}

	/** The text of Warden's own facts file. */
	public static String builtInText() {
		return BuiltIn.TEXT;
	}

	/**
	 * Warden's facts with an administrator's file added.
	 *
	 * @param name the name the file's problems are reported under (its path)
	 * @param text the file's text, in the format of {@link #builtInText()}
	 */
	public static ProgramFacts withAdministratorFacts(String name, String text) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(text, "text");
		return new ProgramFacts(FactTable.read(List.of(new FactTable.Source(RESOURCE, BuiltIn.TEXT),
				new FactTable.Source(name, text))));
	}

	/** The lines that could not be read ("FILE line N: what is wrong"); such lines add nothing. */
	public List<String> problems() {
		return problems;
	}

	/** The table in lookup form, for the policy's own use. */
	public FactTable table() {
		return table;
	}

	private static final class BuiltIn {
		static final String TEXT = read();
		static final ProgramFacts VALUE = new ProgramFacts(FactTable.read(List.of(new FactTable.Source(RESOURCE,
				TEXT))));

		private static String read() {
			try (InputStream in = ProgramFacts.class.getResourceAsStream(RESOURCE)) {
				if (in == null) {
					throw new IllegalStateException("the resource " + RESOURCE + " is missing from the Warden core");
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw new UncheckedIOException("cannot read the resource " + RESOURCE, e);
			}
		}
	}
}
