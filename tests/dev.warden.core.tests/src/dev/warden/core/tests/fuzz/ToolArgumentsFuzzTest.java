package dev.warden.core.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.warden.core.tools.BuiltinTools;
import dev.warden.core.tools.Tool;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;

/**
 * Tool-argument JSON as a model may write it, against the schemas of every built-in tool: parsing throws nothing but
 * {@link ToolException} (whose message the model reads), a tool names the subject of any arguments that passed, and
 * nothing takes long — numbers with huge exponents, deep nesting and long strings included.
 */
class ToolArgumentsFuzzTest {

	private static final List<Tool> TOOLS = BuiltinTools.all();

	private static final List<String> VALUES = List.of("\"src/App.java\"", "\"\"", "\"..\"", "\"\\u0000\"",
			"\"\\ud800\"", "\"a\\nb\"", "0", "1", "-1", "2147483648", "9223372036854775808", "1e2", "1e999999999",
			"-1e-999999999", "1.5", "1E400", "1e-400", "123456789012345678901234567890123", "true", "false", "null",
			"[]", "[\"a\"]", "[1]", "[null]", "{}", "{\"a\":1}", "NaN", "Infinity", "0x10", "'x'", "\"x\"");

	@AfterAll
	static void report() {
		Fuzz.report("tool-arguments");
	}

	@Test
	void parsingThrowsOnlyToolExceptions() {
		List<JsonObject> schemas = new ArrayList<>();
		List<List<String>> names = new ArrayList<>();
		for (Tool tool : TOOLS) {
			JsonObject schema = JsonParser.parseString(tool.spec().inputSchema()).getAsJsonObject();
			schemas.add(schema);
			List<String> keys = new ArrayList<>(schema.has("properties") ? schema.getAsJsonObject("properties").keySet()
					: List.of());
			keys.add("unknown");
			names.add(keys);
		}
		Gen<Integer> tools = in -> Fuzz.between(in, 0, TOOLS.size() - 1);
		Gen<Long> seeds = in -> in.next(org.quicktheories.impl.Constraint.none());
		Fuzz.theory(20_000).forAll(tools, seeds).checkAssert((index, seed) -> {
			String json = arguments(names.get(index), seed);
			Tool tool = TOOLS.get(index);
			Fuzz.timed("tool-arguments", tool.spec().name() + " " + json, () -> {
				try {
					ToolArguments arguments = ToolArguments.parse(tool.spec().name(), json, schemas.get(index));
					assertNotNull(tool.subject(arguments));
					JsonObject properties = schemas.get(index).getAsJsonObject("properties");
					for (String name : properties.keySet()) {
						JsonObject property = properties.getAsJsonObject(name);
						switch (property.has("type") ? property.get("type").getAsString() : "string") {
						case "integer" -> arguments.integer(name, 0);
						case "boolean" -> arguments.bool(name, false);
						case "array" -> arguments.strings(name);
						default -> arguments.string(name, "");
						}
					}
				} catch (ToolException e) {
					assertNotNull(e.getMessage());
				}
			});
		});
	}

	/** Arguments for a tool with these argument names: mostly well-formed objects, sometimes broken JSON. */
	private static String arguments(List<String> names, long seed) {
		java.util.Random random = new java.util.Random(seed);
		int shape = random.nextInt(10);
		if (shape == 0) {
			return "[".repeat(random.nextInt(5000)) + "{".repeat(random.nextInt(3));
		}
		if (shape == 1) {
			StringBuilder b = new StringBuilder();
			String chars = "{}[]\":,\\ u0123456789abcdefnrtlse-+.E\n\t\u0000\u00e9";
			for (int i = random.nextInt(80); i > 0; i--) {
				b.append(chars.charAt(random.nextInt(chars.length())));
			}
			return b.toString();
		}
		StringBuilder b = new StringBuilder("{");
		int fields = random.nextInt(5);
		for (int i = 0; i < fields; i++) {
			b.append(i > 0 ? "," : "").append('"').append(names.get(random.nextInt(names.size()))).append("\":")
					.append(VALUES.get(random.nextInt(VALUES.size())));
		}
		b.append('}');
		if (shape == 2) {
			b.append(random.nextBoolean() ? " {}" : " x");
		}
		return b.toString();
	}

}
