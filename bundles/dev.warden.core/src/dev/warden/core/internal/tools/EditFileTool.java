package dev.warden.core.internal.tools;

import java.util.Set;

import dev.warden.core.tools.Capability;
import dev.warden.core.tools.Grant;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.ToolOutput;

/**
 * {@code edit_file}: proposes replacing one exact occurrence of a string, or applying unified-diff hunks. Nothing is
 * guessed: a string that occurs zero or several times, or a hunk whose lines are not found exactly once, is an error
 * that tells the model how to fix its call. A file with CRLF line ends is matched with the model's LF text and keeps
 * its CRLF line ends.
 */
final class EditFileTool extends BaseTool {

	EditFileTool() {
		super("edit_file", //$NON-NLS-1$
				"Edit a text file. Either give old_string (copied exactly from the file, with enough context to occur " //$NON-NLS-1$
						+ "exactly once) and new_string, or give diff: unified-diff hunks ('@@ ... @@' followed by ' ', " //$NON-NLS-1$
						+ "'-' and '+' lines) whose context and removed lines occur exactly once.", //$NON-NLS-1$
				"""
						{"type":"object","properties":{
						"path":{"type":"string","description":"File path relative to the workspace root"},
						"old_string":{"type":"string","description":"Exact text to replace; must occur exactly once"},
						"new_string":{"type":"string","description":"Replacement text"},
						"diff":{"type":"string","description":"Unified-diff hunks, instead of old_string/new_string"}
						},"required":["path"]}""", //$NON-NLS-1$
				Set.of(Capability.CHANGE_FILES));
	}

	@Override
	public ToolOutput execute(Grant grant) throws ToolException {
		ToolArguments args = grant.arguments();
		String path = grant.files().normalize(args.string("path")); //$NON-NLS-1$
		boolean replace = args.has("old_string"); //$NON-NLS-1$
		boolean diff = args.has("diff"); //$NON-NLS-1$
		if (replace == diff) {
			throw new ToolException("Give either old_string and new_string, or diff; not " //$NON-NLS-1$
					+ (replace ? "both." : "neither.")); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (replace && !args.has("new_string")) { //$NON-NLS-1$
			throw new ToolException("new_string is missing (use \"\" to delete the old text)."); //$NON-NLS-1$
		}
		String original = grant.files().readText(path);
		boolean crlf = original.contains("\r\n") && !original.replace("\r\n", "").contains("\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		String content = crlf ? original.replace("\r\n", "\n") : original; //$NON-NLS-1$ //$NON-NLS-2$
		String edited;
		String description;
		if (replace) {
			String oldString = unixLines(args.string("old_string"), crlf); //$NON-NLS-1$
			String newString = unixLines(args.string("new_string"), crlf); //$NON-NLS-1$
			edited = replaceOnce(path, content, oldString, newString);
			description = "Edit " + path; //$NON-NLS-1$
		} else {
			UnifiedDiff patch = UnifiedDiff.parse(unixLines(args.string("diff"), crlf)); //$NON-NLS-1$
			edited = patch.apply(path, content);
			description = "Apply " + patch.hunkCount() + (patch.hunkCount() == 1 ? " hunk to " : " hunks to ") + path; //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (edited.equals(content)) {
			return ToolOutput.ok("The edit leaves " + path + " unchanged; nothing to do."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String result = crlf ? edited.replace("\n", "\r\n") : edited; //$NON-NLS-1$ //$NON-NLS-2$
		return FileChanges.outcome(grant.propose(new ProposedChange(path, original, result, description)));
	}

	private static String unixLines(String text, boolean crlf) {
		return crlf ? text.replace("\r\n", "\n") : text; //$NON-NLS-1$ //$NON-NLS-2$
	}

	static String replaceOnce(String path, String content, String oldString, String newString) throws ToolException {
		if (oldString.isEmpty()) {
			throw new ToolException("old_string is empty; to create or rewrite a file use write_file."); //$NON-NLS-1$
		}
		int first = content.indexOf(oldString);
		if (first < 0) {
			String hint = squash(content).contains(squash(oldString))
					? " It does occur with different whitespace or indentation: copy the text exactly as read_file shows it (without the line-number prefix)." //$NON-NLS-1$
					: " Read the file again and copy the text exactly."; //$NON-NLS-1$
			throw new ToolException("old_string was not found in " + path + '.' + hint); //$NON-NLS-1$
		}
		int count = 0;
		for (int i = first; i >= 0; i = content.indexOf(oldString, i + 1)) {
			count++;
		}
		if (count > 1) {
			throw new ToolException("old_string occurs " + count + " times in " + path //$NON-NLS-1$ //$NON-NLS-2$
					+ "; include more surrounding lines so that it occurs exactly once."); //$NON-NLS-1$
		}
		return content.substring(0, first) + newString + content.substring(first + oldString.length());
	}

	private static String squash(String text) {
		return text.replaceAll("\\s+", " ").strip(); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
