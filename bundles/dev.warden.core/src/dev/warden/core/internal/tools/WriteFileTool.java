package dev.warden.core.internal.tools;

import java.util.Optional;
import java.util.Set;

import dev.warden.core.tools.Capability;
import dev.warden.core.tools.FileEntry;
import dev.warden.core.tools.Grant;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.ToolOutput;
import dev.warden.core.tools.WorkspaceFiles;

/** {@code write_file}: proposes creating a file or replacing its whole content. */
final class WriteFileTool extends BaseTool {

	WriteFileTool() {
		super("write_file", //$NON-NLS-1$
				"Create a file, or replace a file's whole content. Prefer edit_file for changes to existing files.", //$NON-NLS-1$
				"""
						{"type":"object","properties":{
						"path":{"type":"string","description":"File path relative to the workspace root"},
						"content":{"type":"string","description":"The complete new content"}
						},"required":["path","content"]}""", //$NON-NLS-1$
				Set.of(Capability.CHANGE_FILES));
	}

	@Override
	public ToolOutput execute(Grant grant) throws ToolException {
		WorkspaceFiles files = grant.files();
		String path = files.normalize(grant.arguments().string("path")); //$NON-NLS-1$
		String content = grant.arguments().string("content"); //$NON-NLS-1$
		Optional<FileEntry> existing = files.stat(path);
		if (existing.isPresent() && existing.get().directory()) {
			throw new ToolException("'" + path + "' is a directory."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String old = existing.isPresent() ? files.readText(path) : null;
		if (content.equals(old)) {
			return ToolOutput.ok(path + " already has this content; nothing changed."); //$NON-NLS-1$
		}
		String description = (old == null ? "Create " : "Rewrite ") + path; //$NON-NLS-1$ //$NON-NLS-2$
		return FileChanges.outcome(grant.propose(new ProposedChange(path, old, content, description)));
	}
}
