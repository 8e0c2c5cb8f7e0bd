package dev.warden.core.internal.tools;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.warden.core.tools.Capability;
import dev.warden.core.tools.FileEntry;
import dev.warden.core.tools.Grant;
import dev.warden.core.tools.ToolArguments;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.ToolOutput;
import dev.warden.core.tools.WorkspaceFiles;

/**
 * {@code search_text}: lines matching a regular expression or a literal string in the workspace's text files. Files
 * larger than {@value #MAX_FILE_BYTES} bytes, binary files and files that are not UTF-8 are skipped and counted. The
 * search walks the tree once and reads each file as the walk reaches it; each match is reported to the user as it
 * is found, and the search stops at {@code max_results}.
 */
final class SearchTextTool extends BaseTool {

	static final long MAX_FILE_BYTES = 2L * 1024 * 1024;

	static final int MAX_LINE_CHARS = 300;

	SearchTextTool() {
		super("search_text", //$NON-NLS-1$
				"Search the workspace's text files for lines matching a Java regular expression (or a literal string " //$NON-NLS-1$
						+ "with literal=true). Results are 'path:line: text'.", //$NON-NLS-1$
				"""
						{"type":"object","properties":{
						"pattern":{"type":"string","description":"Regular expression, or the text itself with literal=true"},
						"literal":{"type":"boolean","description":"Match the pattern as plain text; default false"},
						"case_sensitive":{"type":"boolean","description":"Default true"},
						"path":{"type":"string","description":"Directory to search; default '.'"},
						"glob":{"type":"string","description":"Only files matching this glob, e.g. '*.java'"},
						"max_results":{"type":"integer","minimum":1,"maximum":1000,"description":"Default 100"}
						},"required":["pattern"]}""", //$NON-NLS-1$
				Set.of(Capability.READ_FILES));
	}

	@Override
	public ToolOutput execute(Grant grant) throws ToolException {
		ToolArguments args = grant.arguments();
		WorkspaceFiles files = grant.files();
		String patternText = args.string("pattern"); //$NON-NLS-1$
		int flags = args.bool("case_sensitive", true) ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE; //$NON-NLS-1$
		if (args.bool("literal", false)) { //$NON-NLS-1$
			flags |= Pattern.LITERAL;
		}
		Pattern pattern;
		try {
			pattern = Pattern.compile(patternText, flags);
		} catch (PatternSyntaxException e) {
			throw new ToolException("The pattern is not a valid regular expression: " + e.getDescription() //$NON-NLS-1$
					+ ". Use literal=true to search for the text as it is.", e); //$NON-NLS-1$
		}
		String globText = args.string("glob", ""); //$NON-NLS-1$ //$NON-NLS-2$
		Predicate<String> glob = Globs.matcher(globText);
		int max = (int) args.integer("max_results", 100); //$NON-NLS-1$
		String dir = files.normalize(args.string("path", ".")); //$NON-NLS-1$ //$NON-NLS-2$
		LineSearch search = new LineSearch(pattern);
		StringBuilder out = new StringBuilder();
		int[] counts = new int[3]; // matches, files with matches, skipped files
		boolean[] stopped = { false };
		Predicate<FileEntry> visitor = entry -> {
			if (grant.cancellation().isCancelled()) {
				return false;
			}
			if (entry.size() > MAX_FILE_BYTES) {
				counts[2]++;
				return true;
			}
			String content;
			try {
				byte[] bytes = files.readBytes(entry, MAX_FILE_BYTES);
				if (bytes == null) {
					counts[2]++; // grew past the limit since it was listed
					return true;
				}
				content = TextDecoding.decode(entry.path(), bytes);
			} catch (ToolException e) {
				counts[2]++; // binary, not UTF-8, vanished: not searchable text
				return true;
			}
			int before = counts[0];
			boolean more = search.search(content, (lineNumber, start, end) -> {
				if (counts[0] == max) {
					stopped[0] = true;
					return false;
				}
				counts[0]++;
				String line = content.substring(start, end);
				String shown = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + " …" : line; //$NON-NLS-1$
				String result = entry.path() + ':' + lineNumber + ": " + shown.strip() + '\n'; //$NON-NLS-1$
				out.append(result);
				grant.report(result); // the user sees each match as it is found
				return true;
			});
			if (counts[0] > before) {
				counts[1]++;
			}
			return more;
		};
		if (globText.isBlank()) {
			files.walk(dir, 64, entry -> entry.directory() || visitor.test(entry));
		} else {
			files.walkFiles(dir, 64, glob, visitor); // the files matching only, folders entered
		}
		grant.cancellation().throwIfCancelled();
		StringBuilder text = new StringBuilder();
		text.append(counts[0]).append(counts[0] == 1 ? " match" : " matches").append(" in ").append(counts[1]) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				.append(counts[1] == 1 ? " file" : " files"); //$NON-NLS-1$ //$NON-NLS-2$
		if (counts[2] > 0) {
			text.append(" (").append(counts[2]).append(" binary, non-UTF-8 or large files skipped)"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		text.append(":\n").append(out); //$NON-NLS-1$
		if (stopped[0]) {
			text.append("[truncated: stopped at max_results=").append(max) //$NON-NLS-1$
					.append("; narrow the pattern, path or glob, or raise max_results]"); //$NON-NLS-1$
		}
		return ToolOutput.ok(Truncation.cap(text.toString(), Truncation.MAX_RESULT_CHARS, "narrow the search")); //$NON-NLS-1$
	}

	@Override
	public String subject(ToolArguments arguments) {
		return arguments.string("path", "."); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
