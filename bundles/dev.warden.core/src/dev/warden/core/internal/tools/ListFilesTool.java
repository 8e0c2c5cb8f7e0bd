package dev.warden.core.internal.tools;

import java.util.Set;
import java.util.function.Predicate;

import dev.warden.core.tools.Capability;
import dev.warden.core.tools.FileEntry;
import dev.warden.core.tools.Grant;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.ToolOutput;
import dev.warden.core.tools.WorkspaceFiles;

/** {@code list_files}: the files and directories below a directory, to a depth, optionally filtered by a glob. */
final class ListFilesTool extends BaseTool {

	static final int MAX_ENTRIES = 1000;

	ListFilesTool() {
		super("list_files", //$NON-NLS-1$
				"List files and directories in the workspace. Directories end with '/'. Use a glob to find files by " //$NON-NLS-1$
						+ "name (e.g. '*.java' anywhere, or 'src/**/*.java').", //$NON-NLS-1$
				"""
						{"type":"object","properties":{
						"path":{"type":"string","description":"Directory relative to the workspace root; default '.'"},
						"glob":{"type":"string","description":"Only files matching this glob"},
						"depth":{"type":"integer","minimum":1,"maximum":20,"description":"How deep to descend; default 2, or 20 with a glob"}
						}}""", //$NON-NLS-1$
				Set.of(Capability.READ_FILES));
	}

	@Override
	public ToolOutput execute(Grant grant) throws ToolException {
		ToolArguments args = grant.arguments();
		WorkspaceFiles files = grant.files();
		String dir = files.normalize(args.string("path", ".")); //$NON-NLS-1$ //$NON-NLS-2$
		String glob = args.string("glob", ""); //$NON-NLS-1$ //$NON-NLS-2$
		int depth = (int) args.integer("depth", glob.isBlank() ? 2 : 20); //$NON-NLS-1$
		Predicate<String> matches = Globs.matcher(glob);
		StringBuilder out = new StringBuilder();
		int[] count = { 0 };
		boolean[] stopped = { false };
		Predicate<FileEntry> visitor = entry -> {
			if (count[0] == MAX_ENTRIES) {
				stopped[0] = true;
				return false;
			}
			count[0]++;
			out.append(format(entry)).append('\n');
			return true;
		};
		if (glob.isBlank()) {
			files.walk(dir, depth, visitor);
		} else {
			files.walkFiles(dir, depth, matches, visitor); // the files matching only, folders entered
		}
		String header = count[0] + (count[0] == 1 ? " entry" : " entries") + " in " + dir //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ (glob.isBlank() ? "" : " matching " + glob) + " (depth " + depth + "):\n"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		String text = header + out;
		if (stopped[0]) {
			text += "[truncated: listing stopped after " + MAX_ENTRIES + " entries; narrow the path, glob or depth]"; //$NON-NLS-1$ //$NON-NLS-2$
		}
		return ToolOutput.ok(Truncation.cap(text, Truncation.MAX_RESULT_CHARS, "narrow the path, glob or depth")); //$NON-NLS-1$
	}

	private static String format(FileEntry entry) {
		if (entry.directory()) {
			return entry.path() + '/';
		}
		return entry.size() < 0 ? entry.path() : entry.path() + " (" + size(entry.size()) + ')'; //$NON-NLS-1$
	}

	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B"; //$NON-NLS-1$
		}
		if (bytes < 1024 * 1024) {
			return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0); //$NON-NLS-1$
		}
		return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024)); //$NON-NLS-1$
	}
}
