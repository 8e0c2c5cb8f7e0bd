package dev.warden.core.internal.tools;

import java.util.Set;

import dev.warden.core.tools.Capability;
import dev.warden.core.tools.Grant;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.ToolOutput;

/** {@code read_file}: a text file's lines, numbered, a page at a time. */
final class ReadFileTool extends BaseTool {

	static final int DEFAULT_LINES = 500;

	static final int MAX_LINE_CHARS = 2000;

	ReadFileTool() {
		super("read_file", //$NON-NLS-1$
				"Read a text file. Lines are prefixed with their number and a tab; the prefix is not part of the file. " //$NON-NLS-1$
						+ "Large files come in pages: continue with start_line.", //$NON-NLS-1$
				"""
						{"type":"object","properties":{
						"path":{"type":"string","description":"File path relative to the workspace root"},
						"start_line":{"type":"integer","minimum":1,"description":"First line to read; default 1"},
						"end_line":{"type":"integer","minimum":1,"description":"Last line to read; default start_line + 499"}
						},"required":["path"]}""", //$NON-NLS-1$
				Set.of(Capability.READ_FILES));
	}

	@Override
	public ToolOutput execute(Grant grant) throws ToolException {
		ToolArguments args = grant.arguments();
		String path = grant.files().normalize(args.string("path")); //$NON-NLS-1$
		String content = grant.files().readText(path);
		String[] lines = content.split("\r\n|\r|\n", -1); //$NON-NLS-1$
		int total = content.isEmpty() ? 0 : content.endsWith("\n") ? lines.length - 1 : lines.length; //$NON-NLS-1$
		int start = (int) args.integer("start_line", 1); //$NON-NLS-1$
		int end = (int) Math.min(total, args.integer("end_line", start + (long) DEFAULT_LINES - 1)); //$NON-NLS-1$
		if (total == 0) {
			return ToolOutput.ok(path + " is empty."); //$NON-NLS-1$
		}
		if (start > total) {
			throw new ToolException(path + " has only " + total + " lines; start_line " + start + " is past the end."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		if (end < start) {
			throw new ToolException("end_line (" + end + ") is before start_line (" + start + ")."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		StringBuilder out = new StringBuilder();
		int budget = Truncation.MAX_RESULT_CHARS - 300;
		int last = start - 1;
		for (int i = start; i <= end; i++) {
			String line = lines[i - 1];
			if (line.length() > MAX_LINE_CHARS) {
				line = line.substring(0, MAX_LINE_CHARS) + " [line truncated: " + lines[i - 1].length() + " characters]"; //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (out.length() + line.length() > budget && i > start) {
				break;
			}
			out.append(i).append('\t').append(line).append('\n');
			last = i;
		}
		String header = path + ", lines " + start + '-' + last + " of " + total + ":\n"; //$NON-NLS-1$ //$NON-NLS-2$
		String footer = last < total ? "[truncated: lines " + (last + 1) + '-' + total //$NON-NLS-1$
				+ " not shown; call read_file with start_line=" + (last + 1) + " to continue]" : ""; //$NON-NLS-1$ //$NON-NLS-2$
		return ToolOutput.ok(header + out + footer);
	}
}
