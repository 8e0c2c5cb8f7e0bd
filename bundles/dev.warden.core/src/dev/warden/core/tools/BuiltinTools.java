package dev.warden.core.tools;

import java.util.List;

import dev.warden.core.internal.tools.BuiltinToolSet;

/**
 * Warden's built-in tools: {@code list_files}, {@code read_file}, {@code search_text}, {@code write_file},
 * {@code edit_file}, {@code delete_file}, {@code run_command}, {@code fetch_url} and {@code ask_user}.
 */
public final class BuiltinTools {

	private BuiltinTools() {
	}

	/** @return new instances of all built-in tools, in the order they are offered to the model */
	public static List<Tool> all() {
		return BuiltinToolSet.create();
	}
}
