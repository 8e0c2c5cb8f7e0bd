package dev.warden.core.internal.tools;

import java.util.List;

import dev.warden.core.tools.Tool;

/** Creates the built-in tools. */
public final class BuiltinToolSet {

	private BuiltinToolSet() {
	}

	public static List<Tool> create() {
		return List.of(new ListFilesTool(), new ReadFileTool(), new SearchTextTool(), new WriteFileTool(),
				new EditFileTool(), new DeleteFileTool(), new RunCommandTool(), new FetchUrlTool(), new AskUserTool());
	}
}
